package dev.gpuops.bot.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * Where one run's Slack thread lives, the value on {@code gpuops.slack-threads} (key = run id). Recorded when the
 * notifier first sees the run (before posting anything), then after Slack accepted each message, so a restarted
 * notifier, or another replica, updates the same thread instead of opening a second one.
 *
 * @param partition   partition of {@code gpuops.runs} holding the run's events
 * @param firstOffset offset of the first event of the run the notifier used: a restart re-reads from the oldest
 *                    unsettled run's first offset, so every thread still being written is rebuilt completely
 * @param rootTs      ts of the root message, null until Slack accepted it
 * @param statusTs    ts of the checklist message in the thread, null until Slack accepted it
 * @param replied     event ids whose thread replies Slack accepted (not posted twice on a re-read)
 * @param settled     the run finished and Slack shows its final state: nothing more to do for it
 * @param replying    event id of the thread reply being posted (recorded just before its chat.postMessage, cleared
 *                    once Slack accepted it): a restarted notifier looks for that reply in the thread before posting
 *                    it again; null when no reply is in flight
 */
public record ThreadCoordinates(String runId, String channel, int partition, long firstOffset, String rootTs,
                                String statusTs, List<String> replied, boolean settled, String replying) {

    /** Thread replies remembered per run; a run with more replies than this may repeat its oldest on a re-read. */
    static final int MAX_REPLIES = 200;

    public ThreadCoordinates {
        replied = replied == null ? List.of() : List.copyOf(replied);
    }

    /** Coordinates with no reply in flight. */
    public ThreadCoordinates(String runId, String channel, int partition, long firstOffset, String rootTs,
                             String statusTs, List<String> replied, boolean settled) {
        this(runId, channel, partition, firstOffset, rootTs, statusTs, replied, settled, null);
    }

    ThreadCoordinates withRoot(String channelId, String ts) {
        return new ThreadCoordinates(runId, channelId, partition, firstOffset, ts, statusTs, replied, settled,
                replying);
    }

    ThreadCoordinates withStatus(String ts) {
        return new ThreadCoordinates(runId, channel, partition, firstOffset, rootTs, ts, replied, settled, replying);
    }

    /** About to post the reply rendering {@code eventId}: a crash from here on leaves it to be looked up. */
    ThreadCoordinates withReplying(String eventId) {
        return new ThreadCoordinates(runId, channel, partition, firstOffset, rootTs, statusTs, replied, settled,
                eventId);
    }

    /** Slack accepted the reply rendering {@code eventId}; no reply is in flight any more. */
    ThreadCoordinates withReply(String eventId) {
        List<String> all = new ArrayList<>(replied);
        all.add(eventId);
        if (all.size() > MAX_REPLIES) {
            all.removeFirst();
        }
        return new ThreadCoordinates(runId, channel, partition, firstOffset, rootTs, statusTs, all, settled, null);
    }

    ThreadCoordinates settle() {
        return new ThreadCoordinates(runId, channel, partition, firstOffset, rootTs, statusTs, List.of(), true, null);
    }
}
