package dev.gpuops.provider.vast;

import dev.gpuops.provider.support.Redactor;
import java.time.Duration;

/**
 * How to reach Vast.ai. The key is registered with the {@link Redactor} on construction and never printed; the
 * client sends it as a Bearer header, never as {@code ?api_key=}, so it cannot end up in a logged URL.
 *
 * @param apiUrl base URL including {@code /api/v0}; the sandbox's {@code baseUrl()} in tests and demos
 */
public record VastConfig(String apiKey, String apiUrl, Duration connectTimeout, Duration requestTimeout) {

    public static final String DEFAULT_API_URL = "https://console.vast.ai/api/v0";

    public VastConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("Vast API key is missing: set VAST_API_KEY");
        }
        apiKey = apiKey.strip();
        Redactor.register(apiKey);
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip().replaceAll("/+$", "");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    }

    public VastConfig(String apiKey) {
        this(apiKey, null, null, null);
    }

    public VastConfig withApiUrl(String url) {
        return new VastConfig(apiKey, url, connectTimeout, requestTimeout);
    }

    public VastConfig withTimeouts(Duration connect, Duration request) {
        return new VastConfig(apiKey, apiUrl, connect, request);
    }

    @Override
    public String toString() {
        return "VastConfig[apiKey=[REDACTED], apiUrl=" + apiUrl + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
