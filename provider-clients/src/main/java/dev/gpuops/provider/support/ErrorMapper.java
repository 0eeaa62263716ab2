package dev.gpuops.provider.support;

import java.net.http.HttpHeaders;

/** The one place per client that turns a non-2xx response into a typed failure. */
@FunctionalInterface
public interface ErrorMapper {

    ProviderException map(int status, String body, HttpHeaders headers);

    /** Reads {@code Retry-After} (seconds) if present and sane. */
    static java.time.Duration retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After")
                .map(String::trim)
                .filter(v -> v.matches("\\d{1,6}"))
                .map(v -> java.time.Duration.ofSeconds(Long.parseLong(v)))
                .orElse(null);
    }
}
