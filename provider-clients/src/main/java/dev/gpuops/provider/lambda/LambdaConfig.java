package dev.gpuops.provider.lambda;

import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * How to reach Lambda Cloud. The key is registered with the {@link Redactor} on construction and never printed.
 *
 * @param apiUrl         base URL including {@code /api/v1}; the sandbox's {@code baseUrl()} in tests and demos
 * @param requestTimeout per HTTP call, so a hung API cannot stall a runbook step
 */
public record LambdaConfig(String apiKey, String apiUrl, Duration connectTimeout, Duration requestTimeout) {

    public static final String DEFAULT_API_URL = "https://cloud.lambda.ai/api/v1";

    public LambdaConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException(
                    "Lambda API key is missing: set LAMBDA_API_KEY (LAMBDALABS_API_KEY is accepted too)");
        }
        apiKey = apiKey.strip();
        Redactor.register(apiKey);
        apiUrl = apiUrl == null || apiUrl.isBlank() ? DEFAULT_API_URL : apiUrl.strip().replaceAll("/+$", "");
        connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
        requestTimeout = requestTimeout == null ? Duration.ofSeconds(30) : requestTimeout;
    }

    public LambdaConfig(String apiKey) {
        this(apiKey, null, null, null);
    }

    /**
     * Builds the config from the two environment variables seen in the wild: {@code LAMBDA_API_KEY} and the older
     * {@code LAMBDALABS_API_KEY} (seed 000). The first non-blank one wins.
     */
    public static LambdaConfig fromKeys(String lambdaApiKey, String lambdalabsApiKey) {
        String key = Stream.of(lambdaApiKey, lambdalabsApiKey)
                .filter(k -> k != null && !k.isBlank())
                .findFirst()
                .orElse(null);
        return new LambdaConfig(key);
    }

    public LambdaConfig withApiUrl(String url) {
        return new LambdaConfig(apiKey, url, connectTimeout, requestTimeout);
    }

    public LambdaConfig withTimeouts(Duration connect, Duration request) {
        return new LambdaConfig(apiKey, apiUrl, connect, request);
    }

    @Override
    public String toString() {
        return "LambdaConfig[apiKey=[REDACTED], apiUrl=" + apiUrl + ", connectTimeout=" + connectTimeout
                + ", requestTimeout=" + requestTimeout + "]";
    }
}
