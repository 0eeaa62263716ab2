package dev.gpuops.event;

public enum RunOutcome {
    SUCCEEDED, FAILED, CANCELLED,
    /** Refused before any step ran (production safety, missing configuration). */
    REJECTED
}
