package dev.gpuops.provider.ssh;

import java.util.List;

/**
 * Parsed {@code supervisorctl start|stop|restart}. A restart prints a stop line then a start line per program.
 *
 * @param exitCode 0 success (also "already started"/"not running"), 1 no such process, 7 spawn error or
 *                 abnormal termination
 */
public record ControlReport(Op op, List<ProgramChange> changes, int exitCode, String output) implements ControlResult {

    public enum Op {
        START, STOP, RESTART;

        public String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ControlReport {
        changes = List.copyOf(changes);
    }

    public boolean ok() {
        return exitCode == 0 && failures().isEmpty();
    }

    public List<ProgramChange> failures() {
        return changes.stream().filter(c -> c.outcome().failure()).toList();
    }
}
