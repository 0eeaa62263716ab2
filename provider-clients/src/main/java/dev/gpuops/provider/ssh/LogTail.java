package dev.gpuops.provider.ssh;

import java.util.Optional;

/**
 * The last {@code bytes} of a program's log ({@code supervisorctl tail -BYTES name channel}; bytes, not lines).
 *
 * @param error supervisorctl's reason when it failed ("no such process name", "no log file")
 */
public record LogTail(String program, LogChannel channel, int bytes, String text, Optional<String> error,
                      int exitCode) implements TailResult {

    public boolean ok() {
        return error.isEmpty() && exitCode == 0;
    }
}
