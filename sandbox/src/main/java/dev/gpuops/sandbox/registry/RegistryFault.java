package dev.gpuops.sandbox.registry;

import dev.gpuops.sandbox.support.FaultNames;

/** Failures {@link SandboxRegistry} reproduces on demand. */
public enum RegistryFault {
    /** Every /v2/ call answers 401 UNAUTHORIZED with a challenge, whatever token is sent (GHCR "unauthorized"). */
    UNAUTHORIZED("ghcr-unauthorized"),
    /** Every /v2/ call answers 403 DENIED. */
    DENIED("denied"),
    /** 429 TOOMANYREQUESTS with {@code Retry-After}. */
    RATE_LIMIT("rate-limit"),
    /** 429 TOOMANYREQUESTS without {@code Retry-After}. */
    RATE_LIMIT_NO_RETRY_AFTER("rate-limit-no-retry-after");

    private final String key;

    RegistryFault(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static RegistryFault parse(String key) {
        return FaultNames.parse(RegistryFault.class, RegistryFault::key, "registry", key);
    }
}
