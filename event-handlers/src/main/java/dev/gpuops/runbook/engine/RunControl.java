package dev.gpuops.runbook.engine;

/**
 * Cancellation of one run. Cooperative on purpose: the engine stops between steps and long actions poll
 * {@code StepContext.cancelled()}, because killing an SSH command or an API call half-way leaves a box in a state
 * nobody can describe.
 */
public final class RunControl {

    private volatile String reason;
    private volatile boolean suspended;

    /**
     * gpuops is shutting down or handing the target to another replica: finish the current step, start no other,
     * and end without RunFinished so the run stays recoverable from its checkpoint.
     */
    public void suspend() {
        suspended = true;
    }

    public boolean suspended() {
        return suspended;
    }

    public void cancel(String why) {
        if (reason == null) {
            reason = why == null || why.isBlank() ? "cancelled" : why;
        }
    }

    public boolean cancelled() {
        return reason != null;
    }

    public String reason() {
        return reason == null ? "" : reason;
    }
}
