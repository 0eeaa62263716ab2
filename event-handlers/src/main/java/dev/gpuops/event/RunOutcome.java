package dev.gpuops.event;

public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED,
    /** Refused before any step ran (production safety, missing configuration). */
    REJECTED,
    /**
     * Stopped by a crash or shutdown of gpuops in the middle of a step that is not safe to repeat; the summary names
     * the step and what to check. gpuops never runs such a step twice.
     */
    INTERRUPTED
}
