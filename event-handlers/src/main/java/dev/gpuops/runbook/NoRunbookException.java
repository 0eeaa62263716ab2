package dev.gpuops.runbook;

/** No runbook says what a verb means on a target's provider; the message says which providers it applies to. */
public class NoRunbookException extends RuntimeException {

    public NoRunbookException(String message) {
        super(message);
    }
}
