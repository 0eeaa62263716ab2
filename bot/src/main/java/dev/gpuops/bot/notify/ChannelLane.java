package dev.gpuops.bot.notify;

import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunPlanned;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    private final Clock clock;
    private final Sleeper sleeper;
    private final Executor executor;
    private final Consumer<String> runSettled;
    private final Queue<Incoming> inbox = new ConcurrentLinkedQueue<>();
    private final ThreadRecorder recorder;
    private final AtomicBoolean working = new AtomicBoolean();
    // below: touched only by the worker holding `working`
    private final Map<String, RunThread> runs = new LinkedHashMap<>();
    private final LanePosts posts;
    private final LaneUpdates updates;

    ChannelLane(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper,
                Executor executor, Consumer<String> runSettled) {
        this(channel, gateway, settings, clock, sleeper, executor, runSettled, null);
    }

    ChannelLane(String channel, SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper,
                Executor executor, Consumer<String> runSettled, ThreadStore threads) {
        this.recorder = new ThreadRecorder(threads, channel);
        this.channel = channel;
        this.clock = clock;
        this.sleeper = sleeper;
        this.executor = executor;
        this.runSettled = runSettled;
        this.posts = new LanePosts(channel, gateway, settings, clock, recorder);
        this.updates = new LaneUpdates(channel, gateway, settings, clock);
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
        RunThread.Post post = posts.next();
        if (post != null && posts.isOpen(now)) {
            posts.send(post);
            return true;
        }
        LaneUpdates.Due stale = LaneUpdates.firstStale(runs.values());
        if (stale != null && updates.isOpen(now)) {
            updates.update(stale);
            return true;
        }
        Instant next = earliest(post == null ? null : posts.openAt(), stale == null ? null : updates.openAt());
        if (next != null) {
            Duration wait = Duration.between(now, next);
            // waiting for the update gate only: a new run's root could go out at once, so look at the inbox again
            // soon rather than keep it behind another run's chat.update for up to a second
            if (post == null && posts.isOpen(now) && wait.compareTo(INBOX_CHECK) > 0) {
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
            posts.root(run);
        }
        return run;
    }

    /** What an event adds to the thread besides the root and checklist updates its view already implies. */
    private void followUp(RunThread run, RunEvent event) {
        switch (event) {
            case RunStarted started -> {
                if (!run.statusQueued) {
                    run.statusQueued = true;
                    posts.status(run);
                }
            }
            case StepFailed failed -> posts.reply(run, RunMessages.stepFailed(failed), failed.eventId());
            case FailureDiagnosed diagnosed -> posts.reply(run, RunMessages.diagnosis(diagnosed),
                    diagnosed.eventId());
            case StepProgressed progressed -> {
                if (progressed.message().startsWith(RESUMED)) {
                    posts.reply(run, resumed(progressed), progressed.eventId());
                }
            }
            case RunPlanned planned -> posts.reply(run, ApprovalMessages.plan(planned), planned.eventId());
            case RunFinished finished -> {
                SlackText last = RunMessages.finished(run.view);
                if (last != null) {
                    posts.reply(run, last, finished.eventId());
                }
            }
            // shown by the root and checklist, which their next chat.update renders from the view
            case RunQueued queued -> { }
            case StepStarted stepStarted -> { }
            case StepSucceeded succeeded -> { }
            case ApprovalRequested requested -> { }
            case ApprovalGranted granted -> { }
            case ApprovalDenied denied -> { }
            case ApprovalExpired expired -> { }
        }
    }

    private static SlackText resumed(StepProgressed progressed) {
        return SlackText.of(List.of(new SlackText.Section(":repeat: " + SlackText.escape(progressed.message()))));
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
