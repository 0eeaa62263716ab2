package dev.gpuops.sandbox.runpod;

import dev.gpuops.sandbox.support.FaultNames;

/** Failures seed 003 lived through, injectable per endpoint by name. */
public enum Fault {
    /** Init takes longer than RUNPOD_INIT_TIMEOUT whatever the image: workers are killed and restarted forever. */
    INIT_TIMEOUT("init-timeout"),
    /** Workers report ready/idle but never pick up queued jobs (the runpod-python routing symptom). */
    JOBS_STUCK("jobs-stuck"),
    /** The image cannot be pulled (bad tag): workers fail during init and never become ready. */
    IMAGE_PULL_FAILED("image-pull-failed"),
    /** The image is a private ghcr.io package and RunPod has no credentials: pull is denied. */
    GHCR_PRIVATE("ghcr-private"),
    /** No GPUs of the endpoint's type are free: workers stay throttled. */
    NO_CAPACITY("no-capacity"),
    /** The endpoint id died after a dashboard edit; RunPod recreated the endpoint under a new id. */
    DEAD_ENDPOINT("dead-endpoint"),
    /** Ping jobs succeed but real jobs fail with "Model failed to load". */
    MODEL_LOAD_FAILED("model-load-failed");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Fault parse(String name) {
        return FaultNames.parse(Fault.class, Fault::key, "RunPod", name);
    }

    /** Faults that change how a worker starts, so workers already up are restarted to show them. */
    boolean changesStart() {
        return breaksPull() || this == INIT_TIMEOUT;
    }

    boolean breaksPull() {
        return this == IMAGE_PULL_FAILED || this == GHCR_PRIVATE;
    }
}
