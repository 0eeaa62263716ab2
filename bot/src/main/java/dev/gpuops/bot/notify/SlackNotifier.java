package dev.gpuops.bot.notify;

import com.slack.api.methods.MethodsClient;
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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders run events into Slack: one root message per run in its channel, one status checklist in the thread kept
 * current with chat.update, and thread replies for failures and diagnoses. {@link #accept} only routes the event to
 * its channel's lane and returns, so a Kafka listener is never held up by Slack.
 *
 * <p>Redelivered events are ignored by event id, and events of a run that already finished by run id (both
 * remembered in bounded sets). State lives in memory: after a restart, a redelivered RunQueued of an unfinished run
 * would start a new thread.
 */
public class SlackNotifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SlackNotifier.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(10);

    private final SlackGateway gateway;
    private final NotifierSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;
    private final ExecutorService workers;
    private final RecentIds seenEvents;
    private final RecentIds finishedRuns;
    private final Map<String, String> runChannels = new ConcurrentHashMap<>();
    private final Map<String, ChannelLane> lanes = new ConcurrentHashMap<>();
    private final ThreadStore threads;

    SlackNotifier(SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper) {
        this(gateway, settings, clock, sleeper, null);
    }

    /** @param threads durable thread coordinates; null keeps them in memory only (a restart opens new threads) */
    SlackNotifier(SlackGateway gateway, NotifierSettings settings, Clock clock, Sleeper sleeper,
                  ThreadStore threads) {
        this.threads = threads;
        this.gateway = gateway;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("slack-notifier-", 0).factory());
        this.seenEvents = new RecentIds(settings.dedupeCapacity());
        this.finishedRuns = new RecentIds(settings.dedupeCapacity());
    }

    /** @param methods a {@code MethodsClient} built with the bot token, e.g. {@code slack.methods(botToken)} */
    public SlackNotifier(MethodsClient methods, NotifierSettings settings, Clock clock,
                         Sleeper sleeper) {
        this(new SlackGateway(methods), settings, clock, sleeper);
    }

    /** Each run's thread permalink goes to {@code sink} (runId, permalink) once its root message is posted. */
    public void reportPermalinksTo(java.util.function.BiConsumer<String, String> sink) {
        gateway.reportPermalinksTo(sink);
    }

    /** With durable thread coordinates: a restarted notifier, or another replica, continues the same threads. */
    public SlackNotifier(MethodsClient methods, NotifierSettings settings, Clock clock, Sleeper sleeper,
                         ThreadStore threads) {
        this(new SlackGateway(methods), settings, clock, sleeper, threads);
    }

    /** Routes one run event to its channel's lane; returns at once. Duplicates are ignored. */
    public void accept(RunEvent event) {
        accept(event, -1, -1);
    }

    /**
     * As {@link #accept(RunEvent)}, knowing where the event was read, so a run's thread records where its events
     * start on {@code gpuops.runs}.
     */
    public void accept(RunEvent event, int partition, long offset) {
        if (threads != null && threads.find(event.runId()).map(ThreadCoordinates::settled).orElse(false)) {
            LOG.debug("ignoring {} of run {}: its Slack thread is final (recorded)", event.getClass().getSimpleName(),
                    event.runId());
            return;
        }
        if (!seenEvents.add(event.eventId())) {
            LOG.debug("ignoring redelivered event {} of run {}", event.eventId(), event.runId());
            return;
        }
        if (finishedRuns.contains(event.runId())) {
            LOG.debug("ignoring {} of run {}: its Slack thread is already final", event.getClass().getSimpleName(),
                    event.runId());
            return;
        }
        String channel = channelOf(event);
        if (channel == null) {
            LOG.warn("no Slack channel known for run {} (its RunQueued/RunStarted was not seen and no default "
                    + "channel is configured); dropping {}", event.runId(), event.getClass().getSimpleName());
            return;
        }
        lanes.computeIfAbsent(channel, c -> new ChannelLane(c, gateway, settings, clock, sleeper, workers,
                this::runSettled, threads)).submit(new ChannelLane.Incoming(event, partition, offset));
    }

    private String channelOf(RunEvent event) {
        String announced = switch (event) {
            case RunQueued queued -> queued.origin() == null ? null : queued.origin().channel();
            case RunStarted started -> started.origin() == null ? null : started.origin().channel();
            // the run's later events go where its RunQueued/RunStarted said (runChannels, or its recorded thread)
            case StepStarted stepStarted -> null;
            case StepProgressed progressed -> null;
            case StepSucceeded succeeded -> null;
            case StepFailed failed -> null;
            case FailureDiagnosed diagnosed -> null;
            case RunFinished finished -> null;
            case ApprovalRequested requested -> null;
            case ApprovalGranted granted -> null;
            case ApprovalDenied denied -> null;
            case ApprovalExpired expired -> null;
            case RunPlanned planned -> null;
        };
        String chosen = announced == null || announced.isBlank() ? settings.defaultChannel() : announced;
        if (chosen != null && (event instanceof RunQueued || event instanceof RunStarted)) {
            return runChannels.computeIfAbsent(event.runId(), run -> chosen);
        }
        String known = runChannels.get(event.runId());
        if (known == null && threads != null) {
            // a run whose first events another process rendered: its recorded thread says where it lives
            known = threads.find(event.runId()).map(ThreadCoordinates::channel).orElse(null);
        }
        return known;
    }

    private void runSettled(String runId) {
        finishedRuns.add(runId);
        runChannels.remove(runId);
    }

    /** Runs whose Slack thread is still being written; drops to zero once every run has finished and settled. */
    public int activeRuns() {
        return runChannels.size();
    }

    /** Waits until every lane has sent everything it can (for tests and graceful shutdown). */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!lanes.values().stream().allMatch(ChannelLane::idle)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Gives lanes a grace period to deliver what is queued (final statuses first of all), then stops them. */
    @Override
    public void close() {
        try {
            if (!awaitIdle(SHUTDOWN_GRACE)) {
                LOG.warn("Slack notifier stopped with messages still queued for {} run(s)", runChannels.size());
            }
            workers.shutdown();
            if (!workers.awaitTermination(1, TimeUnit.SECONDS)) {
                workers.shutdownNow();
            }
        } catch (InterruptedException e) {
            workers.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
