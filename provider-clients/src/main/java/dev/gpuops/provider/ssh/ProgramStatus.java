package dev.gpuops.provider.ssh;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One line of {@code supervisorctl status}.
 *
 * @param name        as supervisorctl prints it ({@code group:name} when they differ)
 * @param pid         present while RUNNING
 * @param uptime      present while RUNNING
 * @param description the rest of the line ("pid 4242, uptime 0:05:02", "Exited too quickly (…)", "Not started")
 */
public record ProgramStatus(String name, ProgramState state, OptionalInt pid, Optional<Duration> uptime,
                            String description) {

    public boolean running() {
        return state == ProgramState.RUNNING;
    }

    /** "worker-gpu RUNNING (pid 4242, uptime 0:05:02)", for checklists. */
    public String summary() {
        return name + " " + state + (description.isBlank() ? "" : " (" + description + ")");
    }
}
