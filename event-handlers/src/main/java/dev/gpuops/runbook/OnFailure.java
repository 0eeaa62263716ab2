package dev.gpuops.runbook;

/** What a failed step (after its retries) does to the run. */
public enum OnFailure {
    /** End the run as FAILED; the default. */
    STOP,
    /** Note the failure and go on with the next step (evidence collection, best-effort cleanup). */
    CONTINUE
}
