package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/** How {@link RegistryClient} talks to registries. */
public record RegistryConfig(RegistryCredentials credentials, Duration connectTimeout, Duration requestTimeout,
                             RetryPolicy retry) {

    public RegistryConfig {
        Objects.requireNonNull(credentials, "credentials");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(retry, "retry");
    }

    public static RegistryConfig defaults(RegistryCredentials credentials) {
        return new RegistryConfig(credentials, Duration.ofSeconds(5), Duration.ofSeconds(30), RetryPolicy.defaults());
    }

    public RegistryConfig withRetry(RetryPolicy newRetry) {
        return new RegistryConfig(credentials, connectTimeout, requestTimeout, newRetry);
    }

    public RegistryConfig withCredentials(RegistryCredentials newCredentials) {
        return new RegistryConfig(newCredentials, connectTimeout, requestTimeout, retry);
    }
}
