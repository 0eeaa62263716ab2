package dev.gpuops.monitor;

/** A request about an incident that cannot be honoured (unknown id, already resolved); the message says why. */
public final class IncidentException extends RuntimeException {

    public IncidentException(String message) {
        super(message);
    }
}
