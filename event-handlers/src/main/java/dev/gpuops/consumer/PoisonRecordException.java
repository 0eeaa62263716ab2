package dev.gpuops.consumer;

/**
 * A record that will never be processable (not JSON, an unknown event type, a command without a target): it goes
 * to the dead-letter topic at once instead of being retried.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String message, Throwable cause) {
        super(message, cause);
    }

    public PoisonRecordException(String message) {
        super(message);
    }
}
