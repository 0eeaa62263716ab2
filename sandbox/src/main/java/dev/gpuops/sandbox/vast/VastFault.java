package dev.gpuops.sandbox.vast;

import dev.gpuops.sandbox.support.FaultNames;
import java.util.Locale;

/** Failures {@link SandboxVast} can reproduce, by name. */
public enum VastFault {
    /** Per instance: the host machine drops off the network ({@code actual_status} offline). */
    OFFLINE(true),
    /** Per instance: the container exits ({@code actual_status} exited while intended running). */
    EXITED(true),
    /** Every request answers 429 {@code API requests too frequent} as plain text, without Retry-After. */
    RATE_LIMIT(false),
    /** Every request answers 502 with an HTML page, as the load balancer in front of Vast does. */
    BAD_GATEWAY(false),
    /** Every request is answered only after the configured slow delay. */
    SLOW(false);

    private final boolean perInstance;

    VastFault(boolean perInstance) {
        this.perInstance = perInstance;
    }

    public boolean perInstance() {
        return perInstance;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static VastFault parse(String key) {
        return FaultNames.parse(VastFault.class, VastFault::key, "Vast", key);
    }
}
