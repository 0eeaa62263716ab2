package dev.gpuops.sandbox.lambda;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Lambda Cloud error response: {@code {"error":{"code","message","suggestion"?}}} with its HTTP status.
 * Thrown by the simulated cloud and rendered by the server.
 */
final class LambdaApiError extends RuntimeException {

    private final int status;
    private final String code;
    private final String suggestion;
    private final Integer retryAfterSeconds;

    LambdaApiError(int status, String code, String message, String suggestion) {
        this(status, code, message, suggestion, null);
    }

    LambdaApiError(int status, String code, String message, String suggestion, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.suggestion = suggestion;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    static LambdaApiError invalidKey() {
        return new LambdaApiError(401, "global/invalid-api-key", "API key was invalid, expired, or deleted.",
                "Check your API key or create a new one, then try again.");
    }

    static LambdaApiError notFound(String what) {
        return new LambdaApiError(404, "global/object-does-not-exist", "Specified " + what + " does not exist.",
                null);
    }

    static LambdaApiError invalidParameters(String message) {
        return new LambdaApiError(400, "global/invalid-parameters", message, null);
    }

    static LambdaApiError insufficientCapacity() {
        return new LambdaApiError(400, "instance-operations/launch/insufficient-capacity",
                "Not enough capacity to fulfill launch request.",
                "Choose an instance type with more availability, or try again later.");
    }

    static LambdaApiError quotaExceeded() {
        return new LambdaApiError(400, "global/quota-exceeded", "Quota exceeded.",
                "Contact Support to increase your quota.");
    }

    /** The body of Lambda's 429 is not documented; the status and {@code Retry-After} are what clients act on. */
    static LambdaApiError rateLimited(int retryAfterSeconds) {
        return new LambdaApiError(429, "global/unknown", "Too many requests.",
                "Slow down and try again.", retryAfterSeconds);
    }

    static LambdaApiError serverError() {
        return new LambdaApiError(500, "global/unknown", "An unknown error occurred.",
                "Try again; if it persists, contact Support.");
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    String suggestion() {
        return suggestion;
    }

    Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    /** The documented envelope; {@code suggestion} is left out when Lambda has none. */
    String toJson() {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        ObjectNode error = envelope.putObject("error");
        error.put("code", code);
        error.put("message", getMessage());
        if (suggestion != null) {
            error.put("suggestion", suggestion);
        }
        return JsonMapper.builder().build().writeValueAsString(envelope);
    }
}
