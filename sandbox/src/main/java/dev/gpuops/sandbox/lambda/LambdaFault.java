package dev.gpuops.sandbox.lambda;

import dev.gpuops.sandbox.support.FaultNames;
import java.util.Locale;

/** Failures {@link SandboxLambda} can be told to reproduce, by name. */
public enum LambdaFault {
    /** Launch answers 400 insufficient-capacity even though instance-types lists capacity. */
    NO_CAPACITY,
    /** Launch answers 400 global/quota-exceeded. */
    QUOTA_EXCEEDED,
    /** Instances launched while set stay booting until the fault is healed. */
    BOOT_STUCK,
    /** Instances launched while set come up unhealthy instead of active. */
    UNHEALTHY,
    /** Every request answers 429 with Retry-After. */
    RATE_LIMIT,
    /** Every request answers 500 global/unknown. */
    SERVER_ERROR,
    /** Every request is answered only after the configured slow delay. */
    SLOW;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static LambdaFault parse(String key) {
        return FaultNames.parse(LambdaFault.class, LambdaFault::key, "Lambda", key);
    }
}
