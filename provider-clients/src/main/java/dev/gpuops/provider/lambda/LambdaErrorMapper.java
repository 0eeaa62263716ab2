package dev.gpuops.provider.lambda;

import dev.gpuops.provider.support.ErrorMapper;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Lambda's failures carry {@code {"error":{"code","message","suggestion"}}}; the code decides the exception type,
 * the message and suggestion are kept (redacted) because they tell the on-call engineer what to do.
 */
final class LambdaErrorMapper implements ErrorMapper {

    static final String INVALID_KEY = "global/invalid-api-key";
    static final String NOT_FOUND = "global/object-does-not-exist";
    static final String INSUFFICIENT_CAPACITY = "instance-operations/launch/insufficient-capacity";
    static final String QUOTA_EXCEEDED = "global/quota-exceeded";

    @Override
    public ProviderException map(int status, String body, HttpHeaders headers) {
        String requestId = headers.firstValue("x-request-id").orElse(null);
        ErrorBody error = ErrorBody.parse(body);
        String detail = error.describe(status);
        String p = LambdaCloudClient.PROVIDER;
        if (status == 429) {
            return new ProviderException.RateLimited(p, status, requestId,
                    "rate limited (" + detail + "); Lambda allows about 1 request/s and 1 launch per 12 s",
                    ErrorMapper.retryAfter(headers));
        }
        String code = error.code() == null ? "" : error.code();
        if (code.equals(INVALID_KEY) || (code.isEmpty() && (status == 401 || status == 403))) {
            return new ProviderException.Auth(p, status, requestId,
                    detail + " — check LAMBDA_API_KEY (or LAMBDALABS_API_KEY)");
        }
        if (code.equals(NOT_FOUND) || (code.isEmpty() && status == 404)) {
            return new ProviderException.NotFound(p, status, requestId, detail);
        }
        if (code.equals(INSUFFICIENT_CAPACITY) || code.equals(QUOTA_EXCEEDED)) {
            return new ProviderException.Capacity(p, status, requestId, detail);
        }
        if (code.startsWith("provider/") || status >= 500) {
            return new ProviderException.Transient(p, status, requestId, detail, null);
        }
        return new ProviderException.Permanent(p, status, requestId, detail);
    }

    /** Lambda's error object, or the raw text when a proxy in front of Lambda answered with HTML. */
    record ErrorBody(String code, String message, String suggestion, String raw) {

        static ErrorBody parse(String body) {
            JsonNode root = JsonHttp.treeOrNull(body);
            JsonNode error = root == null ? null : root.path("error");
            if (error == null || !error.isObject()) {
                return new ErrorBody(null, null, null, body);
            }
            return new ErrorBody(LambdaJson.text(error, "code"), LambdaJson.text(error, "message"),
                    LambdaJson.text(error, "suggestion"), body);
        }

        String describe(int status) {
            if (code == null) {
                String text = JsonHttp.abbreviate(raw);
                return "HTTP " + status + (text.isEmpty() ? "" : ": " + Redactor.redact(text));
            }
            StringBuilder out = new StringBuilder(code).append(" (HTTP ").append(status).append(")");
            if (message != null) {
                out.append(": ").append(Redactor.redact(message.strip()));
            }
            if (suggestion != null) {
                out.append(" Suggestion: ").append(Redactor.redact(suggestion.strip()));
            }
            return out.toString();
        }
    }
}
