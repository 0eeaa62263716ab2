package dev.gpuops.sandbox.slack;

/** A logical Web API error: answered as HTTP 200 {@code {"ok":false,"error":code}}. */
final class SlackError extends RuntimeException {

    private final String code;

    SlackError(String code) {
        super(code, null, false, false);
        this.code = code;
    }

    String code() {
        return code;
    }
}
