package dev.gpuops.provider.runpod;

import java.util.Locale;

/** RunPod job states. {@code RUNNING} is an alias of IN_PROGRESS; states this client does not know are UNKNOWN. */
public enum JobState {
    IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, TIMED_OUT, UNKNOWN;

    public static JobState parse(String raw) {
        if (raw == null) {
            return UNKNOWN;
        }
        String s = raw.trim().toUpperCase(Locale.ROOT);
        if (s.equals("RUNNING")) {
            return IN_PROGRESS;
        }
        for (JobState state : values()) {
            if (state.name().equals(s)) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /** COMPLETED, FAILED, CANCELLED and TIMED_OUT never change again. */
    public boolean isFinal() {
        return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
    }
}
