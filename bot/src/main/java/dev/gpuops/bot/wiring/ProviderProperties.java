package dev.gpuops.bot.wiring;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider credentials and API bases, bound from the environment in application.yaml. A provider whose key is
 * blank is simply not configured: its actions say which variable to set.
 *
 * @param sshConnectTimeout how long one SSH connect may take before it counts as "not reachable yet"
 */
@ConfigurationProperties("gpuops.providers")
public record ProviderProperties(RunPod runpod, Lambda lambda, Vast vast, Aws aws, Duration sshConnectTimeout) {

    public ProviderProperties {
        runpod = runpod == null ? new RunPod(null, null, null, null) : runpod;
        lambda = lambda == null ? new Lambda(null, null, null) : lambda;
        vast = vast == null ? new Vast(null, null) : vast;
        aws = aws == null ? new Aws(null, null) : aws;
        sshConnectTimeout = sshConnectTimeout == null ? Duration.ofSeconds(10) : sshConnectTimeout;
    }

    /** {@code RUNPOD_API_KEY}, {@code RUNPOD_API_URL}, {@code RUNPOD_GRAPHQL_URL}, {@code RUNPOD_REST_URL}. */
    public record RunPod(String apiKey, String apiUrl, String graphqlUrl, String restUrl) {
        @Override
        public String toString() {
            return "RunPod[apiKey=" + (blank(apiKey) ? "unset" : "[REDACTED]") + ", apiUrl=" + apiUrl + "]";
        }
    }

    /** {@code LAMBDA_API_KEY} (or seed 000's {@code LAMBDALABS_API_KEY}), {@code LAMBDA_API_URL}. */
    public record Lambda(String apiKey, String legacyApiKey, String apiUrl) {
        @Override
        public String toString() {
            return "Lambda[apiKey=" + (blank(apiKey) && blank(legacyApiKey) ? "unset" : "[REDACTED]") + "]";
        }
    }

    /** {@code VAST_API_KEY}, {@code VAST_API_URL}. */
    public record Vast(String apiKey, String apiUrl) {
        @Override
        public String toString() {
            return "Vast[apiKey=" + (blank(apiKey) ? "unset" : "[REDACTED]") + "]";
        }
    }

    /**
     * {@code AWS_REGION} and {@code AWS_ENDPOINT_URL}; credentials come from the SDK's default chain.
     * {@code endpointUrl} set by the demo points the SDK at the sandbox with static test credentials.
     */
    public record Aws(String region, String sandboxEndpoint) {
    }

    static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
