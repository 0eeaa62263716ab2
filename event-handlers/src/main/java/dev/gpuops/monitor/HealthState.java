package dev.gpuops.monitor;

/** Where a target stands: healthy → suspect → failing (failAfter) → recovering → healthy (recoverAfter). */
public enum HealthState {
    HEALTHY, SUSPECT, FAILING, RECOVERING;

    /** Failing or recovering: an incident is (or should be) open. */
    public boolean alerting() {
        return this == FAILING || this == RECOVERING;
    }
}
