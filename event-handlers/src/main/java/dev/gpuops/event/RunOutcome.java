package dev.gpuops.event;

public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED,
    /** Refused before any step ran (production safety, missing configuration). */
    REJECTED,
    /** The run ended cleanly but the requested change is not live (e.g. the runtime cannot switch image tags). */
    NOT_APPLIED,
    /** A status or diagnose run did its job and found the target unhealthy; the finding is the summary. */
    FOUND_PROBLEMS,
    /**
     * Stopped by a crash or shutdown of gpuops in the middle of a step that is not safe to repeat; the summary names
     * the step and what to check. gpuops never runs such a step twice.
     */
    INTERRUPTED
}
