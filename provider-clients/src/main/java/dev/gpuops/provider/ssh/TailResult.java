package dev.gpuops.provider.ssh;

/** {@link Supervisorctl#tail}: the log bytes, or no daemon. */
public sealed interface TailResult permits LogTail, SupervisorUnreachable {
}
