package dev.gpuops.provider.support;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Shared HTTP plumbing for the JSON provider clients: timeouts on every call, retries for idempotent calls only,
 * and one {@link ErrorMapper} per client. Requests are never logged with their headers, so keys cannot leak here.
 */
public final class JsonHttp {

    public static final ObjectMapper JSON = JsonMapper.builder().build();

    private final String provider;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final RetryPolicy retry;
    private final ErrorMapper errors;

    public JsonHttp(String provider, Duration connectTimeout, Duration requestTimeout, RetryPolicy retry,
                    ErrorMapper errors) {
        this.provider = Objects.requireNonNull(provider);
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.requestTimeout = requestTimeout;
        this.retry = retry;
        this.errors = errors;
    }

    public String provider() {
        return provider;
    }

    public RetryPolicy retryPolicy() {
        return retry;
    }

    /** Sends and returns the 2xx response; anything else becomes a {@link ProviderException}. */
    public HttpResponse<String> send(HttpRequest.Builder request, boolean idempotent) {
        HttpRequest built = request.timeout(requestTimeout).build();
        return retry.run(idempotent, () -> once(built));
    }

    /** Sends and parses a 2xx JSON body (an empty body parses as a missing node). */
    public JsonNode sendJson(HttpRequest.Builder request, boolean idempotent) {
        String body = send(request, idempotent).body();
        return parse(body);
    }

    public JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            throw new ProviderException.Transient(provider, 200, null,
                    "response was not JSON: " + Redactor.redact(abbreviate(body)), null);
        }
    }

    public static HttpRequest.BodyPublisher jsonBody(Object value) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    public static URI join(String base, String path) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String p = path.startsWith("/") ? path : "/" + path;
        return URI.create(b + p);
    }

    private HttpResponse<String> once(HttpRequest request) {
        HttpResponse<String> response = exchange(request);
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return response;
        }
        throw errors.map(status, response.body(), response.headers());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            RequestObservers.completed(provider, response.statusCode());
            return response;
        } catch (IOException e) {
            RequestObservers.completed(provider, 0);
            throw failure(request, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient(provider, 0, null, "interrupted", e);
        }
    }

    private ProviderException failure(HttpRequest request, IOException e) {
        String message = switch (e) {
            case HttpTimeoutException timeout -> request.method() + " " + request.uri().getPath()
                    + " timed out after " + requestTimeout;
            case ConnectException refused -> "cannot connect to " + request.uri().getHost() + ":"
                    + request.uri().getPort();
            default -> request.method() + " " + request.uri().getPath() + " failed: " + e.getClass().getSimpleName();
        };
        return new ProviderException.Transient(provider, 0, null, message, e);
    }

    /**
     * The JSON tree of an error answer's body, or null when there is none or it is not JSON (a proxy's HTML page, a
     * truncated body): error mappers then describe the raw text instead.
     */
    public static JsonNode treeOrNull(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (RuntimeException e) {
            return null;
        }
    }

    public static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = text.replaceAll("\\s+", " ").trim();
        return oneLine.length() <= 300 ? oneLine : oneLine.substring(0, 300) + "…";
    }
}
