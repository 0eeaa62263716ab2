package dev.gpuops.provider.vast;

import java.util.Locale;

/**
 * Vast's {@code actual_status}. {@code null} on the wire means the instance is still being provisioned; values
 * Vast adds later read as {@link #OTHER} ({@code unknown} is a real Vast value, so it keeps its own constant).
 */
public enum VastStatus {
    PROVISIONING, LOADING, RUNNING, STOPPED, FROZEN, EXITED, REBOOTING, UNKNOWN, OFFLINE, OTHER;

    public static VastStatus parse(String wire) {
        if (wire == null || wire.isBlank()) {
            return PROVISIONING;
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return OTHER;
        }
    }

    /** Will get to running without anyone acting (provisioning, loading, rebooting). */
    public boolean transitional() {
        return this == PROVISIONING || this == LOADING || this == REBOOTING;
    }
}
