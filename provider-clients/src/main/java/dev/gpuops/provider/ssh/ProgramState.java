package dev.gpuops.provider.ssh;

import java.util.Locale;

/** Supervisor 4.x process states ({@code supervisor/states.py}). */
public enum ProgramState {
    STOPPED, STARTING, RUNNING, BACKOFF, STOPPING, EXITED, FATAL, UNKNOWN;

    /** Parses the state column; anything unrecognised is UNKNOWN rather than an error. */
    public static ProgramState parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return UNKNOWN;
        }
    }

    /** States for which {@code supervisorctl status} exits 3 (STOPPED_STATES plus UNKNOWN). */
    public boolean stopped() {
        return this == STOPPED || this == EXITED || this == FATAL || this == UNKNOWN;
    }
}
