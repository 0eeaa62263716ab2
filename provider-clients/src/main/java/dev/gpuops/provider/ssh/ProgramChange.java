package dev.gpuops.provider.ssh;

/** One line of {@code supervisorctl start|stop|restart} output. */
public record ProgramChange(String program, Outcome outcome, String line) {

    public enum Outcome {
        STARTED, STOPPED,
        /** {@code ERROR (already started)}: exit 0, the program is up. */
        ALREADY_STARTED,
        /** {@code ERROR (not running)}: exit 0, the program is down. */
        NOT_RUNNING,
        NO_SUCH_PROCESS, NO_SUCH_GROUP, SPAWN_ERROR, ABNORMAL_TERMINATION, NO_SUCH_FILE, NOT_EXECUTABLE, OTHER_ERROR;

        public boolean failure() {
            return switch (this) {
                case STARTED, STOPPED, ALREADY_STARTED, NOT_RUNNING -> false;
                default -> true;
            };
        }
    }
}
