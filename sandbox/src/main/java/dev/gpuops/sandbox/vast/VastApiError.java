package dev.gpuops.sandbox.vast;

/**
 * A Vast error answer. Most endpoints reply {@code {"success":false,"error":…,"msg":…}}; some spell the text
 * {@code message}, so the field name is part of the error. A {@code null} code means a plain-text body.
 */
final class VastApiError extends RuntimeException {

    private final int status;
    private final String error;
    private final String messageField;

    VastApiError(int status, String error, String message, String messageField) {
        super(message, null, false, false);
        this.status = status;
        this.error = error;
        this.messageField = messageField;
    }

    static VastApiError invalidArgs(String msg) {
        return new VastApiError(400, "invalid_args", msg, "msg");
    }

    /** The reboot endpoint words its failures with {@code message} rather than {@code msg}. */
    static VastApiError invalidArgsMessage(String message) {
        return new VastApiError(400, "invalid_args", message, "message");
    }

    /** UNVERIFIED: Vast's exact body for a bad key is undocumented; clients branch on the 401. */
    static VastApiError invalidKey() {
        return new VastApiError(401, "invalid_user_key", "Invalid user key", "msg");
    }

    /** UNVERIFIED: the documented single-instance GET does not describe an unknown id. */
    static VastApiError noSuchInstance(long id) {
        return new VastApiError(404, "no_such_instance", "Instance " + id + " not found.", "msg");
    }

    int status() {
        return status;
    }

    String error() {
        return error;
    }

    String messageField() {
        return messageField;
    }
}
