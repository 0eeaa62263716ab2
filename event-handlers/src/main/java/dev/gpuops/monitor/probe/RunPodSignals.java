package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.runpod.EndpointHealth;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Seed 003's signals from consecutive {@code /health} readings of one endpoint. A single reading cannot tell an init
 * loop from a cold start, or stuck jobs from a busy moment: each signal needs its condition to hold for a while.
 * Not thread-safe; one endpoint's probes run one at a time.
 */
public final class RunPodSignals {

    public static final String INIT_LOOP = "init-loop";
    public static final String JOBS_STUCK = "jobs-stuck";
    public static final String CREDIT_BURN = "credit-burn";
    public static final String DEAD_ENDPOINT = "dead-endpoint";

    private Instant initializingSince;
    private Instant lastProgress;
    private Instant idleBurnSince;
    private int lastCompleted = -1;

    /**
     * @param initTimeout how long workers may initialize (the endpoint's init timeout)
     */
    public List<CheckResult> read(String check, EndpointHealth health, Instant now, Duration initTimeout,
                                  Duration stuckAfter, Duration burnAfter) {
        EndpointHealth.Jobs jobs = health.jobs();
        EndpointHealth.Workers workers = health.workers();
        boolean completedMore = lastCompleted >= 0 && jobs.completed() > lastCompleted;
        lastCompleted = jobs.completed();

        // A killed worker shows as unhealthy for a moment before it initializes again: still the same loop.
        int starting = workers.initializing() + workers.unhealthy();
        initializingSince = starting > 0 && workers.up() == 0 ? since(initializingSince, now) : null;
        if (lastProgress == null || completedMore || jobs.inProgress() > 0 || jobs.inQueue() == 0) {
            lastProgress = now;
        }
        int billed = workers.running() + starting;
        boolean burning = billed > 0 && jobs.inQueue() == 0
                && jobs.inProgress() == 0 && !completedMore;
        idleBurnSince = burning ? since(idleBurnSince, now) : null;

        return List.of(
                initLoop(check, initializingSince, now, initTimeout, starting),
                signal(check, JOBS_STUCK, jobs.inQueue() > 0 ? lastProgress : null, now, stuckAfter,
                        jobs.inQueue() + " jobs in queue, " + jobs.inProgress() + " in progress, nothing completed"),
                signal(check, CREDIT_BURN, idleBurnSince, now, burnAfter, billed
                        + " workers up with an empty queue and nothing completed"));
    }

    /** Worded as the diagnosis reads it: "… initializing for 16m, none ready: worker init exceeded …". */
    private static CheckResult initLoop(String check, Instant since, Instant now, Duration limit, int starting) {
        CheckResult result = signal(check, INIT_LOOP, since, now, limit, starting + " workers initializing");
        if (!result.isFailing()) {
            return result;
        }
        return CheckResult.failing(result.check(), starting + " workers initializing for "
                + human(Duration.between(since, now)) + ", none ready: worker init exceeded the " + human(limit)
                + " init timeout (init loop)");
    }

    private static Instant since(Instant previous, Instant now) {
        return previous == null ? now : previous;
    }

    private static CheckResult signal(String check, String name, Instant since, Instant now, Duration limit,
                                      String what) {
        String id = check + "/" + name;
        if (since == null) {
            return CheckResult.ok(id, "no " + name);
        }
        Duration held = Duration.between(since, now);
        if (held.compareTo(limit) >= 0) {
            return CheckResult.failing(id, what + " for " + human(held) + " (limit " + human(limit) + ")");
        }
        return CheckResult.ok(id, what + " for " + human(held) + ", under the " + human(limit) + " limit");
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? s / 3600 + "h" + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m" + (s % 60 == 0 ? ""
                : s % 60 + "s") : s + "s";
    }
}
