package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach RunPod. The key goes only into {@code Authorization: Bearer} headers (never a URL, where seed 003's
 * {@code ?api_key=} would leave it in proxy logs) and is registered with the {@link Redactor} on creation.
 *
 * @param apiKey         RUNPOD_API_KEY
 * @param apiUrl         serverless queue API base, default {@value #DEFAULT_API_URL}
 * @param graphqlUrl     GraphQL endpoint, default {@value #DEFAULT_GRAPHQL_URL}
 * @param restUrl        REST v1 base, default {@value #DEFAULT_REST_URL}
 * @param connectTimeout TCP connect timeout, default 5 s
 * @param requestTimeout whole-call timeout for every call except runsync, default 30 s
 * @param runsyncTimeout whole-call timeout for runsync, which holds the connection while the job runs; default 120 s
 */
public record RunPodConfig(String apiKey, String apiUrl, String graphqlUrl, String restUrl, Duration connectTimeout,
                           Duration requestTimeout, Duration runsyncTimeout) {

    public static final String DEFAULT_API_URL = "https://api.runpod.ai/v2";
    public static final String DEFAULT_GRAPHQL_URL = "https://api.runpod.io/graphql";
    public static final String DEFAULT_REST_URL = "https://rest.runpod.io/v1";

    public RunPodConfig {
        if (apiKey == null || apiKey.isBlank()) {
            throw new IllegalArgumentException("RunPod API key is missing: set RUNPOD_API_KEY");
        }
        Redactor.register(apiKey);
        apiUrl = Objects.requireNonNullElse(apiUrl, DEFAULT_API_URL);
        graphqlUrl = Objects.requireNonNullElse(graphqlUrl, DEFAULT_GRAPHQL_URL);
        restUrl = Objects.requireNonNullElse(restUrl, DEFAULT_REST_URL);
        connectTimeout = Objects.requireNonNullElse(connectTimeout, Duration.ofSeconds(5));
        requestTimeout = Objects.requireNonNullElse(requestTimeout, Duration.ofSeconds(30));
        runsyncTimeout = Objects.requireNonNullElse(runsyncTimeout, Duration.ofSeconds(120));
    }

    /** The public RunPod endpoints with default timeouts. */
    public static RunPodConfig of(String apiKey) {
        return new RunPodConfig(apiKey, null, null, null, null, null, null);
    }

    public RunPodConfig withUrls(String newApiUrl, String newGraphqlUrl, String newRestUrl) {
        return new RunPodConfig(apiKey, newApiUrl, newGraphqlUrl, newRestUrl, connectTimeout, requestTimeout,
                runsyncTimeout);
    }

    public RunPodConfig withTimeouts(Duration connect, Duration request, Duration runsync) {
        return new RunPodConfig(apiKey, apiUrl, graphqlUrl, restUrl, connect, request, runsync);
    }

    @Override
    public String toString() {
        return "RunPodConfig[apiKey=[REDACTED], apiUrl=" + apiUrl + ", graphqlUrl=" + graphqlUrl + ", restUrl="
                + restUrl + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout
                + ", runsyncTimeout=" + runsyncTimeout + "]";
    }
}
