package dev.gpuops.provider.lambda;

import java.util.Locale;

/** Lambda's instance states; values Lambda adds later read as {@link #UNKNOWN} instead of failing. */
public enum LambdaInstanceStatus {
    BOOTING, ACTIVE, UNHEALTHY, TERMINATING, TERMINATED, PREEMPTED, UNKNOWN;

    public static LambdaInstanceStatus parse(String wire) {
        if (wire == null) {
            return UNKNOWN;
        }
        try {
            return valueOf(wire.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Booting or active: the instance exists, bills, and should be reused rather than launched again. */
    public boolean live() {
        return this == BOOTING || this == ACTIVE;
    }

    /** Lambda will not bring it back: launch a new one. */
    public boolean gone() {
        return this == TERMINATING || this == TERMINATED || this == PREEMPTED;
    }
}
