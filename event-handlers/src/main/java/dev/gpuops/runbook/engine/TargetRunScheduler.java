package dev.gpuops.runbook.engine;

import dev.gpuops.event.Events;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.provider.support.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run per target at a time. A command for a busy target waits behind the runs already there (and its user is
 * told, via RunQueued's {@code aheadOf}/{@code blockedBy}); different targets run in parallel, each run on its own
 * virtual thread so the caller (a Kafka listener) is never held for a run's length.
 */
public final class TargetRunScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TargetRunScheduler.class);

    /** GPUOPS_MAX_QUEUED_PER_TARGET's default. */
    public static final int DEFAULT_MAX_QUEUED_PER_TARGET = 20;

    /** What {@link #cancel} did. */
    public enum CancelResult { REMOVED_FROM_QUEUE, SIGNALLED, NOT_FOUND }

    /** A run as the scheduler sees it, for listings. */
    public record ScheduledRun(String runId, String target, String description, boolean running) {
    }

    private final RunbookEngine engine;
    private final RunEventSink sink;
    private final Clock clock;
    private final Duration shutdownGrace;
    private final int maxQueuedPerTarget;
    private final Map<String, TargetLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public TargetRunScheduler(RunbookEngine engine, RunEventSink sink, Clock clock, Duration shutdownGrace) {
        this(engine, sink, clock, shutdownGrace, DEFAULT_MAX_QUEUED_PER_TARGET);
    }

    /** @param maxQueuedPerTarget runs that may wait behind a target's running one; more are refused as busy */
    public TargetRunScheduler(RunbookEngine engine, RunEventSink sink, Clock clock, Duration shutdownGrace,
                              int maxQueuedPerTarget) {
        if (maxQueuedPerTarget < 1) {
            throw new IllegalArgumentException("maxQueuedPerTarget must be at least 1, got " + maxQueuedPerTarget);
        }
        this.engine = engine;
        this.sink = sink;
        this.clock = clock;
        this.shutdownGrace = shutdownGrace;
        this.maxQueuedPerTarget = maxQueuedPerTarget;
    }

    /**
     * Publishes RunQueued (blocking until written), then starts the run or queues it behind the target's current
     * one. A run id that is already queued or running is not submitted twice.
     *
     * A target whose queue already holds {@code maxQueuedPerTarget} runs refuses the run: RunQueued then RunFinished
     * REJECTED, saying the target is busy, how many runs wait and what to do.
     *
     * @return the RunQueued published, or empty for a duplicate or a run refused because the queue is full
     * @throws IllegalStateException after {@link #close()}
     */
    public Optional<RunQueued> submit(RunRequest request) {
        if (closed) {
            throw new IllegalStateException("gpuops is shutting down; run " + request.runId() + " was not started");
        }
        TargetLane lane = lanes.computeIfAbsent(request.target().name(),
                name -> new TargetLane(this::launch, maxQueuedPerTarget));
        return lane.enqueue(request, null, position -> {
            RunQueued queued = new RunQueued(Events.newEventId(), clock.instant(), request.target().name(),
                    request.runId(), request.verb(), Redactor.redact(request.description()), position.aheadOf(),
                    position.blockedBy(), request.origin());
            sink.publish(queued);
            return queued;
        }, position -> {
            refuseBusy(request, position);
            return null;
        });
    }

    private void refuseBusy(RunRequest request, TargetLane.Position position) {
        String target = request.target().name();
        int waiting = position.aheadOf() - 1;
        LOG.warn("refused run {} on {}: {} runs already queued (limit {})", request.runId(), target, waiting,
                maxQueuedPerTarget);
        sink.publish(new RunQueued(Events.newEventId(), clock.instant(), target, request.runId(), request.verb(),
                Redactor.redact(request.description()), 0, null, request.origin()));
        finishUnstarted(request, RunOutcome.REJECTED, target + " is busy: " + position.blockedBy()
                + " is running and " + waiting + " runs are queued behind it, the most this target takes"
                + " (GPUOPS_MAX_QUEUED_PER_TARGET=" + maxQueuedPerTarget + "). Nothing was started: try again once"
                + " the queue is shorter (/gpu runs), or cancel a queued run with /gpu cancel <run>.");
    }

    /**
     * Takes back a run recovered from its checkpoint: queued behind the target's current runs like any other, but
     * without a second RunQueued (the thread has one already).
     *
     * @param resume where it picks up, or null when it never started
     * @return false for a run id already queued or running here
     */
    public boolean submitRecovered(RunRequest request, Resumption resume) {
        if (closed) {
            throw new IllegalStateException("gpuops is shutting down; run " + request.runId() + " was not resumed");
        }
        TargetLane lane = lanes.computeIfAbsent(request.target().name(), name -> new TargetLane(this::launch, maxQueuedPerTarget));
        return lane.enqueue(request, resume, position -> Boolean.TRUE, null).isPresent();
    }

    /** Removes a queued run (publishing RunFinished CANCELLED) or asks the running one to stop after its step. */
    public CancelResult cancel(String runId, String reason) {
        for (TargetLane lane : lanes.values()) {
            Optional<TargetLane.Entry> removed = lane.removeQueued(runId);
            if (removed.isPresent()) {
                finishUnstarted(removed.get().request(), RunOutcome.CANCELLED, reason + " before it started");
                return CancelResult.REMOVED_FROM_QUEUE;
            }
            if (lane.signalRunning(runId, reason)) {
                return CancelResult.SIGNALLED;
            }
        }
        return CancelResult.NOT_FOUND;
    }

    public List<ScheduledRun> runs() {
        List<ScheduledRun> all = new ArrayList<>();
        lanes.values().forEach(lane -> all.addAll(lane.snapshot()));
        return all;
    }

    /** True when nothing is running or queued; for shutdown and tests. */
    public boolean idle() {
        return lanes.values().stream().allMatch(TargetLane::idle);
    }

    /**
     * Stops taking runs and lets go of every target, as {@link #release}. Queued runs are not cancelled: they stay
     * queued in their checkpoints for the next owner.
     */
    @Override
    public void close() {
        closed = true;
        release(target -> true);
    }

    /**
     * Lets go of the matching targets (shutdown, or their partitions moved to another replica): forgets their queued
     * runs (still queued in their checkpoints), lets each running run finish its current step up to the grace period
     * and stop there, then interrupts what is left. Bounded: returns within the grace period plus a few seconds.
     *
     * @return the run ids that were queued and are left for the next owner
     */
    public List<String> release(Predicate<String> targets) {
        List<String> left = new ArrayList<>();
        List<TargetLane> releasing = new ArrayList<>();
        lanes.forEach((name, lane) -> {
            if (targets.test(name)) {
                releasing.add(lane);
                lane.drainQueued().forEach(entry -> left.add(entry.request().runId()));
                lane.suspendRunning();
            }
        });
        Instant giveUp = Instant.now().plus(shutdownGrace);
        for (TargetLane lane : releasing) {
            if (!lane.awaitIdle(Duration.between(Instant.now(), giveUp))) {
                LOG.warn("run {} did not finish its step within {}; interrupting it", lane.runningId(),
                        shutdownGrace);
                lane.interruptRunning();
                lane.awaitIdle(Duration.ofSeconds(10));
            }
        }
        lanes.entrySet().removeIf(e -> targets.test(e.getKey()) && e.getValue().idle());
        if (!left.isEmpty()) {
            LOG.info("left {} queued run(s) for the next owner: {}", left.size(), left.size() > 20
                    ? left.subList(0, 20) + "…" : left);
        }
        return left;
    }

    private Thread launch(TargetLane.Entry entry, Runnable done) {
        return Thread.ofVirtual().name("run-" + entry.request().runId()).start(() -> {
            try {
                if (entry.resume() == null) {
                    engine.run(entry.request(), entry.control());
                } else {
                    engine.resume(entry.request(), entry.control(), entry.resume());
                }
            } catch (RuntimeException e) {
                LOG.error("run {} on {} could not start", entry.request().runId(), entry.request().target().name(),
                        e);
                finishUnstarted(entry.request(), RunOutcome.FAILED, "could not start: " + e.getMessage());
            } finally {
                done.run();
            }
        });
    }

    private void finishUnstarted(RunRequest request, RunOutcome outcome, String summary) {
        try {
            sink.publish(new RunFinished(Events.newEventId(), clock.instant(), request.target().name(),
                    request.runId(), outcome, Redactor.redact(summary), Duration.ZERO));
        } catch (RuntimeException e) {
            LOG.error("could not publish the end of run {}", request.runId(), e);
        }
    }
}
