package dev.gpuops.bot.notify;

import dev.gpuops.event.RunEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one channel's run threads in step with their durable coordinates ({@link ThreadStore}): adopts a recorded
 * thread instead of opening a new one, records a new run before anything is posted, and records every message
 * Slack accepted. Without a store it does nothing (threads then live in memory only).
 */
final class ThreadRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(ThreadRecorder.class);

    private final ThreadStore threads;
    private final String channel;

    ThreadRecorder(ThreadStore threads, String channel) {
        this.threads = threads;
        this.channel = channel;
    }

    /**
     * @return true when the run continues a thread whose root Slack already accepted (before a restart, or on
     *         another replica): its root and checklist are then updated in place, never posted again
     */
    boolean adopt(RunThread run, ChannelLane.Incoming incoming) {
        if (threads == null) {
            return false;
        }
        RunEvent event = incoming.event();
        ThreadCoordinates known = threads.find(event.runId()).orElse(null);
        if (known != null && known.rootTs() != null) {
            run.root.channelId = known.channel();
            run.root.ts = known.rootTs();
            if (known.statusTs() != null) {
                run.status.channelId = known.channel();
                run.status.ts = known.statusTs();
                run.statusQueued = true;
            } else {
                // the checklist may have been posted just before a crash, without its ts being recorded
                run.lookForStatus = true;
            }
            run.replied.addAll(known.replied());
            // a reply may have been accepted by Slack just before a crash, without being recorded as posted
            run.lookForReply = known.replying();
            run.recorded = known;
            LOG.info("run {}: continuing its Slack thread {} in {}", event.runId(), known.rootTs(), known.channel());
            return true;
        }
        // recorded before posting: if gpuops dies between chat.postMessage and recording its ts, the next notifier
        // knows to look for the root (by its metadata) before posting another
        run.lookForRoot = known != null;
        run.recorded = known != null ? known : new ThreadCoordinates(event.runId(), channel, incoming.partition(),
                incoming.offset(), null, null, null, false);
        threads.put(run.recorded);
        return false;
    }

    /**
     * Just before a thread reply's chat.postMessage: records which reply is in flight, so that if gpuops dies before
     * {@link #sent} records it, the next notifier looks for it in the thread (by its metadata) instead of posting it
     * again. One Kafka write; no Slack call.
     */
    void replying(RunThread run, RunThread.Post post) {
        if (threads == null || run.recorded == null || post.kind != RunThread.Kind.REPLY || post.eventId == null
                || post.eventId.equals(run.recorded.replying())) {
            return;
        }
        run.recorded = run.recorded.withReplying(post.eventId);
        threads.put(run.recorded);
    }

    /** After Slack accepted a message: the thread's coordinates move with it, durably. */
    void sent(RunThread run, RunThread.Post post, SlackGateway.Sent sent) {
        if (threads == null || run.recorded == null) {
            return;
        }
        run.recorded = switch (post.kind) {
            case ROOT -> run.recorded.withRoot(run.root.channelId, sent.ts());
            case STATUS -> run.recorded.withStatus(sent.ts());
            case REPLY -> post.eventId == null ? run.recorded : run.recorded.withReply(post.eventId);
        };
        if (post.kind != RunThread.Kind.REPLY || post.eventId != null) {
            threads.put(run.recorded);
        }
    }

    /** The run's thread shows its final state: a restart skips the run from now on. */
    void settled(RunThread run) {
        if (threads != null && run.recorded != null) {
            threads.put(run.recorded.settle());
        }
    }
}
