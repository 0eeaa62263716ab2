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
 * @param postBurst      chat.postMessage calls a quiet channel may send back to back before the post interval
 *                       applies (Slack allows short bursts above 1/s); a run posts three messages (root, checklist,
 *                       answer), so with 3 the next run's root is not held back by the previous run's replies
 */
public record NotifierSettings(Duration postInterval, Duration updateInterval, int maxAttempts,
                               Duration retryBackoff, int maxQueuedPosts, int dedupeCapacity,
                               String defaultChannel, int postBurst) {

    /** Slack's short bursts: three posts, as the sandbox's per-channel limit allows by default. */
    public static final int DEFAULT_POST_BURST = 3;

    public NotifierSettings {
        Objects.requireNonNull(postInterval, "postInterval");
        Objects.requireNonNull(updateInterval, "updateInterval");
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        if (maxAttempts < 1 || maxQueuedPosts < 1 || dedupeCapacity < 1 || postBurst < 1) {
            throw new IllegalArgumentException(
                    "maxAttempts, maxQueuedPosts, dedupeCapacity and postBurst must be positive");
        }
    }

    public NotifierSettings(Duration postInterval, Duration updateInterval, int maxAttempts, Duration retryBackoff,
                            int maxQueuedPosts, int dedupeCapacity, String defaultChannel) {
        this(postInterval, updateInterval, maxAttempts, retryBackoff, maxQueuedPosts, dedupeCapacity, defaultChannel,
                DEFAULT_POST_BURST);
    }

    public static NotifierSettings defaults() {
        return new NotifierSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 6, Duration.ofSeconds(1), 500,
                20_000, null, DEFAULT_POST_BURST);
    }

    public NotifierSettings withDefaultChannel(String channel) {
        return new NotifierSettings(postInterval, updateInterval, maxAttempts, retryBackoff, maxQueuedPosts,
                dedupeCapacity, channel, postBurst);
    }
}
