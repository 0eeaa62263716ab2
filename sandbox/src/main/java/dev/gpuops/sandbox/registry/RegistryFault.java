package dev.gpuops.sandbox.registry;

import java.util.Arrays;
import java.util.Locale;

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
        String wanted = key.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(f -> f.key.equals(wanted)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown registry fault '" + key + "'; known: "
                        + Arrays.stream(values()).map(RegistryFault::key).toList()));
    }
}
