package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.ErrorMapper;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The one mapping of RunPod failures, for all three APIs. Error bodies differ ({@code {"error":…}} on the queue API,
 * {@code {"message":…}} on REST, {@code {"errors":[{"message":…}]}} on GraphQL) and are not fully documented, so the
 * detail is read from whichever is present and falls back to the raw text.
 */
final class RunPodErrorMapper implements ErrorMapper {

    static final String PROVIDER = "runpod";

    @Override
    public ProviderException map(int status, String body, HttpHeaders headers) {
        String requestId = headers.firstValue("x-request-id").or(() -> headers.firstValue("cf-ray")).orElse(null);
        String detail = detail(body);
        String http = "HTTP " + status + (detail.isEmpty() ? "" : ": " + detail);
        return switch (status) {
            case 401, 403 -> new ProviderException.Auth(PROVIDER, status, requestId, "RunPod rejected the API key ("
                    + http + "); check RUNPOD_API_KEY is current and has read/write access");
            case 404 -> new ProviderException.NotFound(PROVIDER, status, requestId, "not found (" + http + ")");
            case 429 -> new ProviderException.RateLimited(PROVIDER, status, requestId, "rate limited (" + http
                    + ")", ErrorMapper.retryAfter(headers));
            default -> status >= 500
                    ? new ProviderException.Transient(PROVIDER, status, requestId, "RunPod server error (" + http
                            + "); usually passes, retry shortly", null)
                    : new ProviderException.Permanent(PROVIDER, status, requestId, "request refused (" + http + ")");
        };
    }

    /** The error text of any RunPod error body, redacted and shortened; empty when there is none. */
    static String detail(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        try {
            JsonNode n = JsonHttp.JSON.readTree(body);
            List<String> parts = new ArrayList<>();
            n.path("errors").forEach(e -> parts.add(e.path("message").asString(e.toString())));
            JsonNode error = n.path("error");
            if (error.isString()) {
                parts.add(error.asString());
            } else if (error.isObject()) {
                parts.add(error.path("message").asString(error.toString()));
            }
            if (n.path("message").isString()) {
                parts.add(n.get("message").asString());
            }
            return Redactor.redact(JsonHttp.abbreviate(parts.isEmpty() ? body : String.join("; ", parts)));
        } catch (RuntimeException notJson) {
            return Redactor.redact(JsonHttp.abbreviate(body));
        }
    }
}
