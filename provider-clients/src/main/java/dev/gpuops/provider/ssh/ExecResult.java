package dev.gpuops.provider.ssh;

import java.time.Duration;

/**
 * What a remote command did. Output is decoded as UTF-8 and capped per stream ({@link ExecOptions#maxOutputBytes()}).
 *
 * @param exitCode the exit status, or -1 when the remote side sent none (killed by a signal)
 * @param command  the command line as sent; built from quoted, validated words, so it never holds a secret
 */
public record ExecResult(int exitCode, String stdout, String stderr, boolean stdoutTruncated,
                         boolean stderrTruncated, Duration duration, String command) {

    public boolean ok() {
        return exitCode == 0;
    }

    /** stdout then stderr, for evidence and messages. */
    public String combinedOutput() {
        if (stderr.isEmpty()) {
            return stdout;
        }
        if (stdout.isEmpty()) {
            return stderr;
        }
        return stdout.endsWith("\n") ? stdout + stderr : stdout + "\n" + stderr;
    }
}
