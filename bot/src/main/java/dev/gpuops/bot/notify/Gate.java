package dev.gpuops.bot.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next call of one Web API method may go out in one channel. Measured from when the previous call
 * returned, so the gap Slack sees between two calls is never shorter than the interval on average.
 *
 * <p>With a burst above one, a channel that was quiet may send that many calls back to back (Slack: "1 message per
 * second per channel, short bursts above this limit are allowed"), and then one per interval: a generic cell rate
 * algorithm, where {@code due} is when the channel would be back at one call per interval. That lets the first
 * message of a new run go out at once even though the previous run's thread replies went out a moment ago. A 429 or a
 * failure closes the gate outright until its wait is over.
 */
final class Gate {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Duration interval;
    private final Duration backoff;
    /** how far {@code due} may run ahead of now: (burst - 1) intervals */
    private final Duration slack;
    private Instant due = Instant.EPOCH;
    private Instant blockedUntil = Instant.EPOCH;

    Gate(Duration interval, Duration backoff) {
        this(interval, backoff, 1);
    }

    Gate(Duration interval, Duration backoff, int burst) {
        if (burst < 1) {
            throw new IllegalArgumentException("burst must be at least 1, was " + burst);
        }
        this.interval = interval;
        this.backoff = backoff;
        this.slack = interval.multipliedBy(burst - 1L);
    }

    Instant openAt() {
        Instant byRate = due.minus(slack);
        return byRate.isAfter(blockedUntil) ? byRate : blockedUntil;
    }

    boolean isOpen(Instant now) {
        return !openAt().isAfter(now);
    }

    void called(Instant returnedAt) {
        due = (due.isAfter(returnedAt) ? due : returnedAt).plus(interval);
    }

    void rateLimited(Instant returnedAt, Duration retryAfter) {
        blockUntil(returnedAt.plus(retryAfter.compareTo(interval) > 0 ? retryAfter : interval));
    }

    void failed(Instant returnedAt, int attempt) {
        long factor = 1L << Math.min(attempt - 1, 10);
        Duration wait = backoff.multipliedBy(factor);
        wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
        blockUntil(returnedAt.plus(wait.compareTo(interval) > 0 ? wait : interval));
    }

    private void blockUntil(Instant instant) {
        if (instant.isAfter(blockedUntil)) {
            blockedUntil = instant;
        }
    }
}
