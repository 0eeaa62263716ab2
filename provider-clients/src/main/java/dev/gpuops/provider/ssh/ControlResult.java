package dev.gpuops.provider.ssh;

/** {@link Supervisorctl#start}/{@code stop}/{@code restart}: what happened per program, or no daemon. */
public sealed interface ControlResult permits ControlReport, SupervisorUnreachable {
}
