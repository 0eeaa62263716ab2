package dev.gpuops.bot.notify;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the Slack notifier.
 *
 * @param postInterval   minimum gap between chat.postMessage calls in one channel (Slack allows ~1/s per channel)
 * @param updateInterval minimum gap between chat.update calls in one channel; updates in between are coalesced
 * @param maxAttempts    attempts for a call failing with a transient error (429s are waited out, never counted)
 * @param retryBackoff   first backoff after a transient error; doubles per attempt, capped at one minute
 * @param maxQueuedPosts thread replies waiting per channel before new ones are dropped (root/status never are)
 * @param dedupeCapacity how many recent event ids and finished run ids are remembered to ignore redeliveries
 * @param defaultChannel channel for runs whose events carry no channel; null drops them with a warning
 */
public record NotifierSettings(Duration postInterval, Duration updateInterval, int maxAttempts,
                               Duration retryBackoff, int maxQueuedPosts, int dedupeCapacity,
                               String defaultChannel) {

    public NotifierSettings {
        Objects.requireNonNull(postInterval, "postInterval");
        Objects.requireNonNull(updateInterval, "updateInterval");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (maxAttempts < 1 || maxQueuedPosts < 1 || dedupeCapacity < 1) {
            throw new IllegalArgumentException("maxAttempts, maxQueuedPosts and dedupeCapacity must be positive");
        }
    }

    public static NotifierSettings defaults() {
        return new NotifierSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 6, Duration.ofSeconds(1), 500,
                20_000, null);
    }

    public NotifierSettings withDefaultChannel(String channel) {
        return new NotifierSettings(postInterval, updateInterval, maxAttempts, retryBackoff, maxQueuedPosts,
                dedupeCapacity, channel);
    }
}
