package dev.gpuops.event;

/**
 * Events about one run, published by the handlers on {@code gpuops.runs}. Read in order they are the run log:
 * enough to tell, after a restart, which runs were queued or in flight and which step each had reached.
 */
public sealed interface RunEvent extends GpuopsEvent
        permits RunQueued, RunStarted, StepStarted, StepProgressed, StepSucceeded, StepFailed, FailureDiagnosed,
        RunFinished, ApprovalRequested, ApprovalGranted, ApprovalDenied, ApprovalExpired,
        RunPlanned {

    String runId();
}
