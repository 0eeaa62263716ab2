package dev.gpuops.provider.aws;

import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.provider.support.Sleeper;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How {@link AwsFleetClient} reaches AWS.
 *
 * @param region             e.g. {@code us-east-1}; null lets the SDK's default chain decide ({@code AWS_REGION},
 *                           profile, instance metadata)
 * @param endpointOverride   a simulator or VPC endpoint; null lets the SDK decide, and the SDK itself honours
 *                           {@code AWS_ENDPOINT_URL}, {@code AWS_ENDPOINT_URL_SSM}, {@code AWS_ENDPOINT_URL_AUTO_SCALING}
 * @param accessKeyId        static credentials (sandbox: {@code test}); null uses the SDK's default credential chain
 * @param secretAccessKey    paired with {@code accessKeyId}; never printed
 * @param connectTimeout     TCP connect timeout
 * @param callTimeout        whole-call timeout, including our retries' individual attempts
 * @param retry              our bounded retries for idempotent calls; the SDK's own retries are switched off so
 *                           there is exactly one retry layer, with an injected sleeper
 * @param invocationPolls    how many times {@code GetCommandInvocation} is retried while AWS still answers
 *                           {@code InvocationDoesNotExist} right after {@code SendCommand}
 * @param invocationDelay    the wait between those polls
 */
public record AwsConfig(String region, URI endpointOverride, String accessKeyId, String secretAccessKey,
                        Duration connectTimeout, Duration callTimeout, RetryPolicy retry, int invocationPolls,
                        Duration invocationDelay) {

    public AwsConfig {
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(callTimeout, "callTimeout");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(invocationDelay, "invocationDelay");
        if ((accessKeyId == null) != (secretAccessKey == null)) {
            throw new IllegalArgumentException("set both the AWS access key id and secret access key, or neither");
        }
        if (invocationPolls < 1) {
            throw new IllegalArgumentException("invocationPolls must be at least 1");
        }
    }

    /** Real AWS: default credential chain, region from {@code AWS_REGION} unless given. */
    public static AwsConfig defaults(String region) {
        return new AwsConfig(blankToNull(region), null, null, null, Duration.ofSeconds(5), Duration.ofSeconds(30),
                RetryPolicy.defaults(), 10, Duration.ofSeconds(1));
    }

    /** A local simulator: static {@code test/test} credentials, {@code us-east-1} for signing. */
    public static AwsConfig sandbox(URI endpoint) {
        return new AwsConfig("us-east-1", endpoint, "test", "test", Duration.ofSeconds(2), Duration.ofSeconds(10),
                RetryPolicy.defaults(), 10, Duration.ofMillis(200));
    }

    /**
     * Reads {@code AWS_REGION} (or {@code AWS_DEFAULT_REGION}) and {@code GPUOPS_AWS_ENDPOINT} (an explicit override,
     * e.g. the sandbox). Credentials stay with the SDK's default chain, which reads {@code AWS_ACCESS_KEY_ID} etc.
     */
    public static AwsConfig fromEnvironment(Map<String, String> env) {
        String region = blankToNull(env.getOrDefault("AWS_REGION", env.get("AWS_DEFAULT_REGION")));
        String endpoint = blankToNull(env.get("GPUOPS_AWS_ENDPOINT"));
        return defaults(region).withEndpoint(endpoint == null ? null : URI.create(endpoint));
    }

    public AwsConfig withRegion(String newRegion) {
        return new AwsConfig(newRegion, endpointOverride, accessKeyId, secretAccessKey, connectTimeout, callTimeout,
                retry, invocationPolls, invocationDelay);
    }

    public AwsConfig withEndpoint(URI endpoint) {
        return new AwsConfig(region, endpoint, accessKeyId, secretAccessKey, connectTimeout, callTimeout, retry,
                invocationPolls, invocationDelay);
    }

    public AwsConfig withRetry(RetryPolicy newRetry) {
        return new AwsConfig(region, endpointOverride, accessKeyId, secretAccessKey, connectTimeout, callTimeout,
                newRetry, invocationPolls, invocationDelay);
    }

    /** Routes every wait (retries and invocation polls) through {@code sleeper}, so tests never really sleep. */
    public AwsConfig withSleeper(Sleeper sleeper) {
        return new AwsConfig(region, endpointOverride, accessKeyId, secretAccessKey, connectTimeout, callTimeout,
                retry.withSleeper(sleeper), invocationPolls, invocationDelay);
    }

    public AwsConfig withInvocationPolls(int polls, Duration delay) {
        return new AwsConfig(region, endpointOverride, accessKeyId, secretAccessKey, connectTimeout, callTimeout,
                retry, polls, delay);
    }

    public boolean staticCredentials() {
        return accessKeyId != null;
    }

    @Override
    public String toString() {
        return "AwsConfig[region=" + region + ", endpointOverride=" + endpointOverride
                + ", credentials=" + (staticCredentials() ? "static" : "default-chain")
                + ", connectTimeout=" + connectTimeout + ", callTimeout=" + callTimeout
                + ", retry=" + retry.maxAttempts() + " attempts, invocationPolls=" + invocationPolls + "]";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
