package dev.gpuops.provider.ssh;

/**
 * Runs commands on one host. Each call is one channel on a pooled connection, so calls may run concurrently.
 * Failures to reach or authenticate are {@link dev.gpuops.provider.support.ProviderException}s (provider "ssh");
 * a command that runs and exits non-zero is a normal {@link ExecResult}.
 */
public interface SshSession {

    SshEndpoint endpoint();

    ExecResult exec(String command, ExecOptions options);

    default ExecResult exec(String command) {
        return exec(command, ExecOptions.defaults());
    }

    /** Runs a built command, feeding its stdin (if any) in place of {@code options.stdin()}. */
    default ExecResult exec(RemoteCommand command, ExecOptions options) {
        return exec(command.line(), command.stdin() == null ? options : options.withStdin(command.stdin()));
    }
}
