package dev.gpuops.provider.health;

import java.time.Instant;

/**
 * One request of a health probe.
 *
 * @param status HTTP status, or 0 when no response arrived
 * @param detail what was seen (redacted, abbreviated): the exception text or the start of the body
 */
public record ProbeAttempt(int number, Instant at, ProbeOutcome outcome, int status, String detail) {

    public boolean healthy() {
        return outcome == ProbeOutcome.HEALTHY;
    }

    /** {@code attempt 3: RESET connection reset: …} — the line format of HTTP_PROBE evidence. */
    public String describe() {
        String what = switch (outcome) {
            case HEALTHY -> "HEALTHY HTTP " + status;
            case NON_2XX -> "NON_2XX HTTP " + status;
            case BODY_MISMATCH -> "BODY_MISMATCH HTTP " + status;
            default -> outcome.name();
        };
        return "attempt " + number + ": " + what + (detail == null || detail.isBlank() ? "" : " — " + detail);
    }
}
