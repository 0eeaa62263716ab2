package dev.gpuops.sandbox.runpod;

/** One serverless worker and the instant of its next state change. */
final class SimWorker {

    enum State { THROTTLED, INITIALIZING, IDLE, RUNNING, UNHEALTHY }

    static final long NEVER = Long.MAX_VALUE;

    final String id;
    State state;
    long since;
    String image;
    /** While initializing: when init would finish; {@link #NEVER} when the pull cannot succeed. */
    long readyAt = NEVER;
    /** While initializing: when RunPod kills the worker (init timeout or pull failure); NEVER otherwise. */
    long killAt = NEVER;
    String killReason;
    /** While unhealthy: when the replacement starts initializing. */
    long restartAt = NEVER;
    SimJob job;
    long jobEndsAt = NEVER;
    /** A newer template version was released while this worker was busy: re-init after the job. */
    boolean stale;
    /** The endpoint shrank while this worker was busy: stop after the job. */
    boolean drain;
    int restarts;
    String lastError;

    SimWorker(String id) {
        this.id = id;
    }

    boolean billed() {
        return state == State.INITIALIZING || state == State.IDLE || state == State.RUNNING;
    }

    boolean ready() {
        return state == State.IDLE || state == State.RUNNING;
    }
}
