package dev.gpuops.runbook;

/** A {@code ${…}} expression that cannot be parsed or does not refer to anything real. */
public class ExpressionException extends IllegalArgumentException {

    public ExpressionException(String message) {
        super(message);
    }
}
