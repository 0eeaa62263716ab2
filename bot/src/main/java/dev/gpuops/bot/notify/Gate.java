package dev.gpuops.bot.notify;

import java.time.Duration;
import java.time.Instant;

/**
 * When the next call of one Web API method may go out in one channel. Measured from when the previous call
 * returned, so the gap Slack sees between two calls is never shorter than the interval.
 */
final class Gate {

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Duration interval;
    private final Duration backoff;
    private Instant openAt = Instant.MIN;

    Gate(Duration interval, Duration backoff) {
        this.interval = interval;
        this.backoff = backoff;
    }

    Instant openAt() {
        return openAt;
    }

    boolean isOpen(Instant now) {
        return !openAt.isAfter(now);
    }

    void called(Instant returnedAt) {
        delayUntil(returnedAt.plus(interval));
    }

    void rateLimited(Instant returnedAt, Duration retryAfter) {
        delayUntil(returnedAt.plus(retryAfter.compareTo(interval) > 0 ? retryAfter : interval));
    }

    void failed(Instant returnedAt, int attempt) {
        long factor = 1L << Math.min(attempt - 1, 10);
        Duration wait = backoff.multipliedBy(factor);
        wait = wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
        delayUntil(returnedAt.plus(wait.compareTo(interval) > 0 ? wait : interval));
    }

    private void delayUntil(Instant instant) {
        if (instant.isAfter(openAt)) {
            openAt = instant;
        }
    }
}
