package dev.gpuops.provider.vast;

import dev.gpuops.provider.support.ErrorMapper;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Vast answers failures as {@code {"success":false,"error":"invalid_args","msg":…}}, sometimes with
 * {@code message} instead of {@code msg} or without {@code error}, and rate limits as a plain-text 429 without
 * {@code Retry-After}. Vast's guidance is to retry 429, 502, 503 and 504 only; other 5xx are reported, not retried.
 */
final class VastErrorMapper implements ErrorMapper {

    @Override
    public ProviderException map(int status, String body, HttpHeaders headers) {
        String requestId = headers.firstValue("x-request-id").orElse(null);
        String detail = ErrorBody.parse(body).describe(status);
        String p = VastClient.PROVIDER;
        return switch (status) {
            case 429 -> new ProviderException.RateLimited(p, status, requestId,
                    "rate limited (" + detail + "); Vast sends no Retry-After, so gpuops backs off",
                    ErrorMapper.retryAfter(headers));
            case 401, 403 -> new ProviderException.Auth(p, status, requestId, detail + " — check VAST_API_KEY");
            case 404 -> new ProviderException.NotFound(p, status, requestId, detail);
            case 502, 503, 504 -> new ProviderException.Transient(p, status, requestId, detail, null);
            default -> new ProviderException.Permanent(p, status, requestId, detail);
        };
    }

    /** Vast's error fields, or the raw text for plain-text and HTML answers. */
    record ErrorBody(String error, String message, String raw) {

        static ErrorBody parse(String body) {
            JsonNode root = JsonHttp.treeOrNull(body);
            if (root == null || !root.isObject()) {
                return new ErrorBody(null, null, body);
            }
            return new ErrorBody(VastJson.text(root, "error"), messageOf(root), body);
        }

        static String messageOf(JsonNode root) {
            for (String field : new String[] {"msg", "message", "detail"}) {
                String text = VastJson.text(root, field);
                if (text != null && !text.isBlank()) {
                    return text;
                }
            }
            return null;
        }

        String describe(int status) {
            if (error == null && message == null) {
                String text = JsonHttp.abbreviate(raw);
                return "HTTP " + status + (text.isEmpty() ? "" : ": " + Redactor.redact(text));
            }
            String code = error == null ? "" : error + " ";
            return code + "(HTTP " + status + ")" + (message == null ? "" : ": " + Redactor.redact(message.strip()));
        }
    }
}
