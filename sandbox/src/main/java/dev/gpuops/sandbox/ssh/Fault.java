package dev.gpuops.sandbox.ssh;

import dev.gpuops.sandbox.support.FaultNames;

/** Failures a {@link SandboxSshHost} can be told to show, by the names used in tests and demos. */
public enum Fault {
    /** docker pull/run of a ghcr.io image → {@code Error response from daemon: Head "https://ghcr.io/v2/…": unauthorized}. */
    GHCR_UNAUTHORIZED("ghcr-unauthorized"),
    /** The app starts, fails to download the gated model (401) and uvicorn exits. */
    HF_TOKEN_MISSING("hf-token-missing"),
    /** {@code docker run --gpus all} → {@code could not select device driver "" with capabilities: [[gpu]]}. */
    NO_GPU_RUNTIME("no-gpu-runtime"),
    /** Programs go FATAL and containers crash-loop with a traceback. */
    APP_CRASH("app-crash"),
    /** Pulls and container creation fail with {@code no space left on device}; df shows 100%. */
    DISK_FULL("disk-full"),
    /** supervisord is not running: its socket does not exist. */
    SUPERVISOR_DOWN("supervisor-down"),
    /**
     * The workers stay RUNNING but none polls its Temporal task queue (seed 002): {@code temporal task-queue describe}
     * lists no pollers.
     */
    POLLERS_MISSING("pollers-missing");

    private final String key;

    Fault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Fault byName(String name) {
        return FaultNames.parse(Fault.class, Fault::key, "SSH host", name);
    }
}
