package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.Redactor;
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

    /** Abbreviated and redacted: remote output can echo anything, including a secret. */
    @Override
    public String toString() {
        return "ExecResult[exit=" + exitCode + ", command=" + Redactor.redact(command)
                + ", stdout=" + JsonHttp.abbreviate(Redactor.redact(stdout))
                + ", stderr=" + JsonHttp.abbreviate(Redactor.redact(stderr)) + ", duration=" + duration + "]";
    }
}
