package dev.gpuops.bot.notify;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chat.postMessage calls one channel lane has to make, in order, spaced by the channel's post gate: roots,
 * checklists and thread replies. A root, checklist or reply that a previous notifier may have posted without
 * recording it is looked up by its metadata first, so it is never posted twice. Confined to the lane's worker.
 */
final class LanePosts {

    private static final Logger LOG = LoggerFactory.getLogger(LanePosts.class);

    private final String channel;
    private final SlackGateway gateway;
    private final NotifierSettings settings;
    private final Clock clock;
    private final ThreadRecorder recorder;
    private final Deque<RunThread.Post> posts = new ArrayDeque<>();
    private final Gate gate;

    LanePosts(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock, ThreadRecorder recorder) {
        this.channel = channel;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.recorder = recorder;
        this.gate = new Gate(settings.postInterval(), settings.retryBackoff(), settings.postBurst());
    }

    void root(RunThread run) {
        enqueue(new RunThread.Post(run, RunThread.Kind.ROOT, null));
    }

    void status(RunThread run) {
        enqueue(new RunThread.Post(run, RunThread.Kind.STATUS, null));
    }

    /** A thread reply rendering the event {@code eventId}, unless Slack already accepted it (recorded). */
    void reply(RunThread run, SlackText reply, String eventId) {
        if (run.replied.contains(eventId)) {
            return;
        }
        if (posts.size() >= settings.maxQueuedPosts()) {
            LOG.warn("{} Slack posts already waiting in {}; dropping a thread reply of run {}", posts.size(),
                    channel, run.view.runId());
            return;
        }
        RunThread.Post post = new RunThread.Post(run, RunThread.Kind.REPLY, reply);
        post.eventId = eventId;
        enqueue(post);
    }

    /** The next post due, after dropping those of runs Slack refused; null when none is waiting. */
    RunThread.Post next() {
        while (!posts.isEmpty() && posts.peek().run.dead) {
            drop(posts.poll());
        }
        return posts.peek();
    }

    boolean isOpen(Instant now) {
        return gate.isOpen(now);
    }

    Instant openAt() {
        return gate.openAt();
    }

    /** Sends the post {@link #next} returned (or finds it already in Slack); keeps it queued to retry on failure. */
    void send(RunThread.Post post) {
        if (alreadyPosted(post)) {
            drop(posts.poll());
            return;
        }
        RunThread run = post.run;
        SlackText content = post.content();
        boolean root = post.kind == RunThread.Kind.ROOT;
        String target = root ? channel : run.root.channelId;
        recorder.replying(run, post);
        SlackGateway.Result result = post.kind == RunThread.Kind.REPLY && post.eventId != null
                ? gateway.postReply(target, run.root.ts, content, run.view.runId(), post.eventId)
                : gateway.post(target, root ? null : run.root.ts, content, metadataType(post.kind), run.view.runId());
        Instant returned = clock.instant();
        switch (result) {
            case SlackGateway.Sent sent -> {
                gate.called(returned);
                drop(posts.poll());
                if (post.kind != RunThread.Kind.REPLY) {
                    placed(run, post.kind, sent.channel() == null ? target : sent.channel(), sent.ts(), content);
                }
                recorder.sent(run, post, sent);
            }
            case SlackGateway.RateLimited limited -> {
                gate.rateLimited(returned, limited.retryAfter());
                LOG.info("Slack rate-limited chat.postMessage in {}; retrying in {}", channel, limited.retryAfter());
            }
            case SlackGateway.Failed failed -> {
                post.attempts++;
                gate.failed(returned, post.attempts);
                if (!failed.retryable() || post.attempts >= settings.maxAttempts()) {
                    drop(posts.poll());
                    giveUp(post, failed);
                }
            }
        }
    }

    private static String metadataType(RunThread.Kind kind) {
        return switch (kind) {
            case ROOT -> SlackGateway.RUN_EVENT_TYPE;
            case STATUS -> SlackGateway.STATUS_EVENT_TYPE;
            case REPLY -> null; // replies carry gpuops_run_reply {run_id, event_id}: SlackGateway.postReply
        };
    }

    /**
     * A root, checklist or thread reply that was recorded as "about to be posted" but never as posted: a previous
     * notifier may have died between chat.postMessage and recording it. Looked up once by its metadata; found means
     * adopted. A lookup that fails (Slack unreachable) counts as not found: the message is posted.
     */
    private boolean alreadyPosted(RunThread.Post post) {
        if (post.kind == RunThread.Kind.REPLY) {
            return replyAlreadyPosted(post);
        }
        RunThread run = post.run;
        String runId = run.view.runId();
        SlackGateway.Result found = switch (post.kind) {
            case ROOT -> run.lookForRoot ? gateway.findRoot(channel, runId) : null;
            case STATUS -> run.lookForStatus ? gateway.findStatus(run.root.channelId, run.root.ts, runId) : null;
            case REPLY -> null;
        };
        if (post.kind == RunThread.Kind.ROOT) {
            run.lookForRoot = false;
        } else if (post.kind == RunThread.Kind.STATUS) {
            run.lookForStatus = false;
        }
        if (!(found instanceof SlackGateway.Sent sent)) {
            return false;
        }
        LOG.info("run {}: found its {} message {} in {} by metadata; continuing it", runId, post.kind, sent.ts(),
                channel);
        placed(run, post.kind, post.kind == RunThread.Kind.ROOT ? sent.channel() : run.root.channelId, sent.ts(),
                null);
        if (post.kind == RunThread.Kind.ROOT) {
            // the checklist may have gone out before the crash as well
            run.lookForStatus = true;
        }
        recorder.sent(run, post, sent);
        return true;
    }

    private boolean replyAlreadyPosted(RunThread.Post post) {
        RunThread run = post.run;
        if (post.eventId == null || !post.eventId.equals(run.lookForReply)) {
            return false;
        }
        run.lookForReply = null;
        SlackGateway.Result found = gateway.findReply(run.root.channelId, run.root.ts, run.view.runId(),
                post.eventId);
        if (!(found instanceof SlackGateway.Sent sent)) {
            return false;
        }
        LOG.info("run {}: found its reply {} for event {} in {} by metadata; not posting it again",
                run.view.runId(), sent.ts(), post.eventId, channel);
        run.replied.add(post.eventId);
        recorder.sent(run, post, sent);
        return true;
    }

    /** @param content what Slack shows, null when unknown (found by lookup: the next update renders it afresh) */
    private void placed(RunThread run, RunThread.Kind kind, String channelId, String ts, SlackText content) {
        RunThread.Slot slot = run.slot(kind);
        slot.channelId = channelId;
        slot.ts = ts;
        slot.sent = content;
        if (kind == RunThread.Kind.ROOT) {
            gateway.rootPosted(run.view.runId(), channelId, ts);
        }
    }

    private void enqueue(RunThread.Post post) {
        post.run.pendingPosts++;
        posts.add(post);
    }

    private void drop(RunThread.Post post) {
        post.run.pendingPosts--;
    }

    private void giveUp(RunThread.Post post, SlackGateway.Failed failed) {
        String runId = post.run.view.runId();
        switch (post.kind) {
            case ROOT -> {
                post.run.dead = true;
                LOG.error("could not post run {} to Slack channel {}: {} after {} attempt(s). Check the channel id "
                        + "and that the bot is a member of it", runId, channel, failed.error(), post.attempts);
            }
            case STATUS -> {
                post.run.status.abandoned = true;
                LOG.error("could not post the status of run {} in {}: {}", runId, channel, failed.error());
            }
            case REPLY -> LOG.warn("dropped a thread reply of run {} in {}: {}", runId, channel, failed.error());
        }
    }
}
