package dev.gpuops.bot.notify;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything gpuops says in one Slack channel, sent by one worker at a time (a virtual thread that exists only while
 * there is work). Posts go out in order, spaced by the channel's post gate; status updates are rendered from the
 * latest state when their gate opens, so bursts of events coalesce into one chat.update. A 429 closes the gate for
 * Retry-After and the same call is tried again: nothing is dropped for being rate limited.
 */
final class ChannelLane {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelLane.class);

    /** An event and where it was read on {@code gpuops.runs} (-1 when not from Kafka). */
    record Incoming(RunEvent event, int partition, long offset) {
    }

    /** How long a lane waiting only for chat.update leaves new events unread (a new run's root post waits that). */
    static final Duration INBOX_CHECK = Duration.ofMillis(20);

    /** How the handlers word a resumed run; such progress also becomes a thread reply. */
    static final String RESUMED = dev.gpuops.consumer.RunRecovery.RESUMED;

    private final String channel;
    private final SlackGateway gateway;
    private final NotifierSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor executor;
    private final Consumer<String> runSettled;
    private final Queue<Incoming> inbox = new ConcurrentLinkedQueue<>();
    private final ThreadRecorder recorder;
    private final AtomicBoolean working = new AtomicBoolean();
    // below: touched only by the worker holding `working`
    private final Map<String, RunThread> runs = new LinkedHashMap<>();
    private final Deque<RunThread.Post> posts = new ArrayDeque<>();
    private final Gate postGate;
    private final Gate updateGate;

    ChannelLane(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper,
                Executor executor, Consumer<String> runSettled) {
        this(channel, gateway, settings, clock, sleeper, executor, runSettled, null);
    }

    ChannelLane(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper,
                Executor executor, Consumer<String> runSettled, ThreadStore threads) {
        this.recorder = new ThreadRecorder(threads, channel);
        this.channel = channel;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executor = executor;
        this.runSettled = runSettled;
        this.postGate = new Gate(settings.postInterval(), settings.retryBackoff(), settings.postBurst());
        this.updateGate = new Gate(settings.updateInterval(), settings.retryBackoff());
    }

    /** Never blocks: the event is queued and a worker started if none is running. */
    void submit(RunEvent event) {
        submit(new Incoming(event, -1, -1));
    }

    void submit(Incoming event) {
        inbox.add(event);
        if (working.compareAndSet(false, true)) {
            executor.execute(this::work);
        }
    }

    boolean idle() {
        return !working.get() && inbox.isEmpty();
    }

    private void work() {
        try {
            while (true) {
                absorbInbox();
                if (!step()) {
                    working.set(false);
                    // an event may have arrived after the last look: take the work back unless another worker did
                    if (inbox.isEmpty() || !working.compareAndSet(false, true)) {
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            working.set(false);
        } catch (RuntimeException e) {
            LOG.error("Slack notifier lane for {} stopped on an unexpected error; the next event restarts it",
                    channel, e);
            working.set(false);
        }
    }

    /** Does or waits for one thing; false when there is nothing left to do until the next event. */
    private boolean step() throws InterruptedException {
        Instant now = clock.instant();
        while (!posts.isEmpty() && posts.peek().run.dead) {
            drop(posts.poll());
        }
        RunThread.Post post = posts.peek();
        if (post != null && postGate.isOpen(now)) {
            send(post);
            return true;
        }
        RunThread.Slot stale = null;
        RunThread owner = null;
        for (RunThread run : runs.values()) {
            stale = run.stale(run.root) ? run.root : run.stale(run.status) ? run.status : null;
            if (stale != null) {
                owner = run;
                break;
            }
        }
        if (stale != null && updateGate.isOpen(now)) {
            update(owner, stale);
            return true;
        }
        Instant next = earliest(post == null ? null : postGate.openAt(), stale == null ? null : updateGate.openAt());
        if (next != null) {
            Duration wait = Duration.between(now, next);
            // waiting for the update gate only: a new run's root could go out at once, so look at the inbox again
            // soon rather than keep it behind another run's chat.update for up to a second
            if (post == null && postGate.isOpen(now) && wait.compareTo(INBOX_CHECK) > 0) {
                wait = INBOX_CHECK;
            }
            sleeper.sleep(wait);
            return true;
        }
        forgetSettledRuns();
        return false;
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null || b == null) {
            return a == null ? b : a;
        }
        return a.isBefore(b) ? a : b;
    }

    private void absorbInbox() {
        for (Incoming incoming = inbox.poll(); incoming != null; incoming = inbox.poll()) {
            RunEvent event = incoming.event();
            try {
                absorb(incoming);
            } catch (RuntimeException e) {
                LOG.error("could not render event {} of run {} for Slack; skipping it", event.eventId(),
                        event.runId(), e);
            }
        }
    }

    private void absorb(Incoming incoming) {
        RunEvent event = incoming.event();
        RunThread run = runs.get(event.runId());
        if (run == null && (event instanceof RunQueued || event instanceof RunStarted)) {
            run = open(incoming);
        }
        if (run == null) {
            LOG.debug("no Slack thread for run {} in {} (already finished?); skipping {}", event.runId(), channel,
                    event.getClass().getSimpleName());
            return;
        }
        run.view.apply(event);
        followUp(run, event);
    }

    /**
     * A new thread for the run, or the recorded one: a run whose root Slack already accepted (before a restart, or
     * on another replica) gets its root and checklist updated in place, never posted again.
     */
    private RunThread open(Incoming incoming) {
        RunEvent event = incoming.event();
        RunThread run = new RunThread(new RunView(event.runId(), event.target()));
        runs.put(event.runId(), run);
        if (!recorder.adopt(run, incoming)) {
            enqueue(new RunThread.Post(run, RunThread.Kind.ROOT, null));
        }
        return run;
    }

    private void followUp(RunThread run, RunEvent event) {
        switch (event) {
            case RunStarted started when !run.statusQueued -> {
                run.statusQueued = true;
                enqueue(new RunThread.Post(run, RunThread.Kind.STATUS, null));
            }
            case StepFailed failed -> enqueueReply(run, RunMessages.stepFailed(failed), failed.eventId());
            case FailureDiagnosed diagnosed -> enqueueReply(run, RunMessages.diagnosis(diagnosed),
                    diagnosed.eventId());
            case StepProgressed progressed when progressed.message().startsWith(RESUMED) ->
                    enqueueReply(run, resumed(progressed), progressed.eventId());
            case dev.gpuops.event.RunPlanned planned -> enqueueReply(run, ApprovalMessages.plan(planned),
                    planned.eventId());
            case RunFinished finished when RunMessages.finished(run.view) != null ->
                    enqueueReply(run, RunMessages.finished(run.view), finished.eventId());
            default -> { }
        }
    }

    private static SlackText resumed(StepProgressed progressed) {
        return SlackText.of(List.of(new SlackText.Section("↻ " + SlackText.escape(progressed.message()))));
    }

    private void enqueueReply(RunThread run, SlackText reply, String eventId) {
        if (run.replied.contains(eventId)) {
            return;
        }
        enqueueReply(run, reply);
        if (!posts.isEmpty() && posts.peekLast().kind == RunThread.Kind.REPLY) {
            posts.peekLast().eventId = eventId;
        }
    }

    private void enqueueReply(RunThread run, SlackText reply) {
        if (posts.size() >= settings.maxQueuedPosts()) {
            LOG.warn("{} Slack posts already waiting in {}; dropping a thread reply of run {}", posts.size(),
                    channel, run.view.runId());
            return;
        }
        enqueue(new RunThread.Post(run, RunThread.Kind.REPLY, reply));
    }

    private void enqueue(RunThread.Post post) {
        post.run.pendingPosts++;
        posts.add(post);
    }

    private void drop(RunThread.Post post) {
        post.run.pendingPosts--;
    }

    private void send(RunThread.Post post) {
        RunThread run = post.run;
        SlackText content = post.content();
        String threadTs = post.kind == RunThread.Kind.ROOT ? null : run.root.ts;
        String target = post.kind == RunThread.Kind.ROOT ? channel : run.root.channelId;
        if (post.kind == RunThread.Kind.ROOT && run.lookForRoot) {
            run.lookForRoot = false;
            if (gateway.findRoot(channel, run.view.runId()) instanceof SlackGateway.Sent found) {
                LOG.info("run {}: found its root {} in {} by metadata; continuing that thread", run.view.runId(),
                        found.ts(), channel);
                drop(posts.poll());
                run.root.channelId = found.channel();
                run.root.ts = found.ts();
                recorder.sent(run, post, found);
                return;
            }
        }
        SlackGateway.Result result = gateway.post(target, threadTs, content,
                post.kind == RunThread.Kind.ROOT ? run.view.runId() : null);
        Instant returned = clock.instant();
        switch (result) {
            case SlackGateway.Sent sent -> {
                postGate.called(returned);
                drop(posts.poll());
                if (post.kind != RunThread.Kind.REPLY) {
                    RunThread.Slot slot = run.slot(post.kind);
                    slot.channelId = sent.channel() == null ? target : sent.channel();
                    slot.ts = sent.ts();
                    slot.sent = content;
                    if (post.kind == RunThread.Kind.ROOT) {
                        gateway.rootPosted(run.view.runId(), slot.channelId, slot.ts);
                    }
                }
                recorder.sent(run, post, sent);
            }
            case SlackGateway.RateLimited limited -> {
                postGate.rateLimited(returned, limited.retryAfter());
                LOG.info("Slack rate-limited chat.postMessage in {}; retrying in {}", channel, limited.retryAfter());
            }
            case SlackGateway.Failed failed -> {
                post.attempts++;
                postGate.failed(returned, post.attempts);
                if (!failed.retryable() || post.attempts >= settings.maxAttempts()) {
                    drop(posts.poll());
                    givePostUp(post, failed);
                }
            }
        }
    }

    private void givePostUp(RunThread.Post post, SlackGateway.Failed failed) {
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

    private void update(RunThread run, RunThread.Slot slot) {
        SlackText content = run.render(slot.kind);
        SlackGateway.Result result = gateway.update(slot.channelId, slot.ts, content);
        Instant returned = clock.instant();
        switch (result) {
            case SlackGateway.Sent sent -> {
                updateGate.called(returned);
                slot.sent = content;
                slot.failures = 0;
            }
            case SlackGateway.RateLimited limited -> {
                updateGate.rateLimited(returned, limited.retryAfter());
                LOG.info("Slack rate-limited chat.update in {}; retrying in {}", channel, limited.retryAfter());
            }
            case SlackGateway.Failed failed -> {
                slot.failures++;
                updateGate.failed(returned, slot.failures);
                if (!failed.retryable()) {
                    slot.abandoned = true;
                    LOG.error("stopped updating the {} message of run {} in {}: {}", slot.kind, run.view.runId(),
                            channel, failed.error());
                } else if (slot.failures >= settings.maxAttempts()) {
                    // skip this version only: the next change to the run tries again
                    slot.sent = content;
                    slot.failures = 0;
                    LOG.warn("gave up one update of the {} message of run {} in {}: {}", slot.kind,
                            run.view.runId(), channel, failed.error());
                }
            }
        }
    }

    private void forgetSettledRuns() {
        for (Iterator<RunThread> it = runs.values().iterator(); it.hasNext(); ) {
            RunThread run = it.next();
            if (run.settled()) {
                it.remove();
                recorder.settled(run);
                runSettled.accept(run.view.runId());
            }
        }
    }
}
