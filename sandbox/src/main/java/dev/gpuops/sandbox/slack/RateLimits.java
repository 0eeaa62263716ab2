package dev.gpuops.sandbox.slack;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which Web API calls get HTTP 429 and which get an injected error. Two independent sources of 429: a storm
 * switched on by a test or the admin endpoint, and (optionally) Slack's own ~1 chat.postMessage/s per channel.
 */
final class RateLimits {

    private static final String POST_MESSAGE = "chat.postMessage";

    private Storm storm;
    private boolean channelLimit;
    private int burst = 3;
    private final Map<String, Bucket> buckets = new HashMap<>();
    private final Map<String, Deque<String>> injectedErrors = new HashMap<>();

    /** The next {@code calls} calls (to {@code method}, or any method when null) get 429. */
    synchronized void stormCalls(int calls, Duration retryAfter, String method) {
        storm = new Storm(method, calls, null, retryAfter);
    }

    /** Every call (to {@code method}, or any when null) until {@code until} gets 429. */
    synchronized void stormUntil(Instant until, Duration retryAfter, String method) {
        storm = new Storm(method, -1, until, retryAfter);
    }

    /** Slack's documented per-channel posting limit: 1/s sustained with bursts of {@code burstSize}. */
    synchronized void channelLimit(boolean enabled, int burstSize) {
        channelLimit = enabled;
        burst = Math.max(1, burstSize);
        buckets.clear();
    }

    /** The next {@code calls} calls to {@code method} fail with HTTP 200 {@code {"ok":false,"error":error}}. */
    synchronized void failNext(String method, int calls, String error) {
        Deque<String> queue = injectedErrors.computeIfAbsent(method, m -> new ArrayDeque<>());
        for (int i = 0; i < calls; i++) {
            queue.add(error);
        }
    }

    synchronized void clear() {
        storm = null;
        channelLimit = false;
        buckets.clear();
        injectedErrors.clear();
    }

    /** The Retry-After to answer with when this call is rate limited; consumes storm calls and bucket tokens. */
    synchronized Optional<Duration> check(String method, String channel, Instant now) {
        if (storm != null && storm.applies(method, now)) {
            Duration retryAfter = storm.retryAfter;
            storm = storm.consume();
            return Optional.of(retryAfter);
        }
        if (channelLimit && POST_MESSAGE.equals(method) && channel != null) {
            return buckets.computeIfAbsent(channel, c -> new Bucket(burst, now)).take(now);
        }
        return Optional.empty();
    }

    synchronized Optional<String> injectedError(String method) {
        Deque<String> queue = injectedErrors.get(method);
        return Optional.ofNullable(queue == null ? null : queue.poll());
    }

    synchronized Map<String, Object> describe(Instant now) {
        Map<String, Object> state = new HashMap<>();
        boolean stormActive = storm != null && (storm.remaining != 0) && (storm.until == null || now.isBefore(storm.until));
        state.put("storm", stormActive);
        if (stormActive) {
            state.put("remainingCalls", storm.remaining);
            state.put("until", storm.until == null ? null : storm.until.toString());
            state.put("retryAfter", storm.retryAfter.toSeconds());
            state.put("method", storm.method);
        }
        state.put("channelLimit", channelLimit);
        state.put("burst", burst);
        return state;
    }

    private record Storm(String method, int remaining, Instant until, Duration retryAfter) {

        boolean applies(String called, Instant now) {
            boolean methodMatches = method == null || method.equals(called);
            boolean live = remaining != 0 && (until == null || now.isBefore(until));
            return methodMatches && live;
        }

        Storm consume() {
            if (remaining < 0) {
                return this;
            }
            return remaining == 1 ? null : new Storm(method, remaining - 1, until, retryAfter);
        }
    }

    /** Token bucket refilled at one token per second. */
    private static final class Bucket {
        private final int capacity;
        private double tokens;
        private Instant refilledAt;

        Bucket(int capacity, Instant now) {
            this.capacity = capacity;
            this.tokens = capacity;
            this.refilledAt = now;
        }

        Optional<Duration> take(Instant now) {
            double elapsed = Math.max(0, Duration.between(refilledAt, now).toNanos() / 1e9);
            tokens = Math.min(capacity, tokens + elapsed);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Optional.empty();
            }
            long wait = (long) Math.ceil(1 - tokens);
            return Optional.of(Duration.ofSeconds(Math.max(1, wait)));
        }
    }
}
