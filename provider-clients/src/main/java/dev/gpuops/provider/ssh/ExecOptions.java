package dev.gpuops.provider.ssh;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * How one remote command runs. {@code stdin} is how secrets reach a host (passwords, env files): it is never part of
 * a command line and never printed, so {@link #toString()} shows only its length.
 *
 * @param timeout        the whole exec, from opening the channel to the exit status
 * @param stdin          bytes written to the command's stdin before EOF, or null for none
 * @param maxOutputBytes cap per stream; the rest is read and dropped so the remote side never blocks
 */
public record ExecOptions(Duration timeout, byte[] stdin, int maxOutputBytes) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    public static final int DEFAULT_MAX_OUTPUT = 1024 * 1024;

    public ExecOptions {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("exec timeout must be positive, not " + timeout);
        }
        if (maxOutputBytes < 1) {
            throw new IllegalArgumentException("maxOutputBytes must be at least 1, not " + maxOutputBytes);
        }
        stdin = stdin == null ? null : stdin.clone();
    }

    public static ExecOptions defaults() {
        return new ExecOptions(DEFAULT_TIMEOUT, null, DEFAULT_MAX_OUTPUT);
    }

    public static ExecOptions timeout(Duration timeout) {
        return new ExecOptions(timeout, null, DEFAULT_MAX_OUTPUT);
    }

    public ExecOptions withTimeout(Duration newTimeout) {
        return new ExecOptions(newTimeout, stdin, maxOutputBytes);
    }

    public ExecOptions withStdin(byte[] newStdin) {
        return new ExecOptions(timeout, newStdin, maxOutputBytes);
    }

    public ExecOptions withMaxOutputBytes(int newMax) {
        return new ExecOptions(timeout, stdin, newMax);
    }

    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ExecOptions o && timeout.equals(o.timeout) && maxOutputBytes == o.maxOutputBytes
                && Arrays.equals(stdin, o.stdin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(timeout, maxOutputBytes, Arrays.hashCode(stdin));
    }

    @Override
    public String toString() {
        return "ExecOptions[timeout=" + timeout + ", stdin=" + (stdin == null ? "none" : "<" + stdin.length + " bytes>")
                + ", maxOutputBytes=" + maxOutputBytes + "]";
    }
}
