package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads a series of /health snapshots and decides whether waiting for a ready worker still makes sense. RunPod
 * kills a worker that is not ready within RUNPOD_INIT_TIMEOUT and starts another, which looks like "initializing"
 * forever while credit burns (seed 003). Two signs give it away: workers turning unhealthy, and workers initializing
 * for longer than the timeout with none ever ready.
 */
final class InitLoopWatch {

    enum Verdict { READY, WAITING, KILL_LOOP, NO_WORKERS }

    /** Startup of a worker that was already initializing when the watch began is unknown; allow for it. */
    static final Duration GRACE = Duration.ofSeconds(60);
    private static final int TIMELINE_MAX = 20;
    private static final int EMPTY_POLLS_BEFORE_GIVING_UP = 3;

    private final int minReady;
    private final int maxRestarts;
    private final Duration initTimeout;
    private final Instant start;
    private final Deque<String> timeline = new ArrayDeque<>();
    private EndpointHealth previous;
    private Instant initializingSince;
    private int restarts;
    private int emptyPolls;
    private String reason = "";

    InitLoopWatch(int minReady, int maxRestarts, Duration initTimeout, Instant start) {
        this.minReady = minReady;
        this.maxRestarts = maxRestarts;
        this.initTimeout = initTimeout;
        this.start = start;
    }

    Verdict observe(Instant at, EndpointHealth h) {
        record(at, h);
        EndpointHealth.Workers w = h.workers();
        int prevUnhealthy = previous == null ? 0 : previous.workers().unhealthy();
        restarts += Math.max(0, w.unhealthy() - prevUnhealthy);
        previous = h;
        if (w.up() >= minReady) {
            return Verdict.READY;
        }
        if (restarts >= maxRestarts) {
            reason = restarts + " worker kill(s) seen (workers turned unhealthy before becoming ready)";
            return Verdict.KILL_LOOP;
        }
        boolean starting = w.initializing() > 0 || w.unhealthy() > 0;
        initializingSince = starting && w.up() == 0 ? (initializingSince == null ? at : initializingSince) : null;
        if (initializingSince != null && !at.isBefore(initializingSince.plus(initTimeout).plus(GRACE))) {
            reason = "workers initializing for " + RunPodSteps.human(Duration.between(initializingSince, at))
                    + ", longer than RUNPOD_INIT_TIMEOUT=" + initTimeout.toSeconds() + "s, and none ever ready";
            return Verdict.KILL_LOOP;
        }
        boolean empty = w.up() + w.initializing() + w.unhealthy() + w.throttled() + w.running() == 0;
        emptyPolls = empty ? emptyPolls + 1 : 0;
        return emptyPolls >= EMPTY_POLLS_BEFORE_GIVING_UP ? Verdict.NO_WORKERS : Verdict.WAITING;
    }

    private void record(Instant at, EndpointHealth h) {
        String line = "+" + RunPodSteps.human(Duration.between(start, at)) + ": " + RunPodSteps.counts(h);
        String counts = RunPodSteps.counts(h);
        if (previous == null || !RunPodSteps.counts(previous).equals(counts)) {
            timeline.addLast(line);
            if (timeline.size() > TIMELINE_MAX) {
                timeline.removeFirst();
            }
        }
    }

    int restarts() {
        return restarts;
    }

    /** Why the last verdict was KILL_LOOP. */
    String reason() {
        return reason;
    }

    /** Each change of counts, oldest first. */
    List<String> timeline() {
        return List.copyOf(timeline);
    }
}
