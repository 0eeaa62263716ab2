package dev.gpuops.provider.ssh;

import java.util.Arrays;
import java.util.Objects;

/**
 * A command line plus the bytes it reads on stdin. Builders put secrets only into {@code stdin}; {@link #toString()}
 * never shows them.
 */
public record RemoteCommand(String line, byte[] stdin) {

    public RemoteCommand {
        Objects.requireNonNull(line, "line");
        stdin = stdin == null ? null : stdin.clone();
    }

    public static RemoteCommand of(String line) {
        return new RemoteCommand(line, null);
    }

    @Override
    public byte[] stdin() {
        return stdin == null ? null : stdin.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RemoteCommand o && line.equals(o.line) && Arrays.equals(stdin, o.stdin);
    }

    @Override
    public int hashCode() {
        return Objects.hash(line, Arrays.hashCode(stdin));
    }

    @Override
    public String toString() {
        return stdin == null ? line : line + " <stdin " + stdin.length + " bytes>";
    }
}
