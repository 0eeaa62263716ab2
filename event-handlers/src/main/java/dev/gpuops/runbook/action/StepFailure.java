package dev.gpuops.runbook.action;

/**
 * An expected, explained step failure. {@code retryable} tells the engine whether the step's retry budget applies
 * (a refused connection while a VM boots is retryable; a missing HF_TOKEN is not).
 */
public class StepFailure extends RuntimeException {

    private final boolean retryable;

    public StepFailure(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public StepFailure(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public static StepFailure permanent(String message) {
        return new StepFailure(message, false);
    }

    public static StepFailure retryable(String message) {
        return new StepFailure(message, true);
    }

    public boolean retryable() {
        return retryable;
    }
}
