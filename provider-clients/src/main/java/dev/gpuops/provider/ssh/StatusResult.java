package dev.gpuops.provider.ssh;

/** {@link Supervisorctl#status()}: a report, or supervisord could not be reached. */
public sealed interface StatusResult permits StatusReport, SupervisorUnreachable {
}
