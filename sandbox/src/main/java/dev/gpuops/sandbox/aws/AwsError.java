package dev.gpuops.sandbox.aws;

/**
 * A service error as AWS reports it; each protocol handler renders it its own way (XML {@code ErrorResponse} or a
 * JSON {@code __type} body).
 *
 * @param sender true for client faults ({@code <Type>Sender</Type>}), false for {@code Receiver}
 */
final class AwsError extends RuntimeException {

    private final int status;
    private final String code;
    private final boolean sender;

    AwsError(int status, String code, String message, boolean sender) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.sender = sender;
    }

    static AwsError sender(String code, String message) {
        return new AwsError(400, code, message, true);
    }

    static AwsError validation(String message) {
        return sender("ValidationError", message);
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    boolean senderFault() {
        return sender;
    }
}
