package dev.gpuops.sandbox.runpod;

import static dev.gpuops.sandbox.runpod.SimWorker.NEVER;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * All state of the simulated RunPod account. Time advances lazily: before any request is served, every worker
 * transition due up to "now" is replayed in order and credit is charged for each interval. One lock guards it all.
 */
final class RunPodWorld {

    /** Completed /run results are kept 30 minutes, /runsync results 1 minute. */
    private static final long RUN_RETENTION_MS = 30 * 60_000L;
    private static final long SYNC_RETENTION_MS = 60_000L;
    private static final String ID_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789";

    private final SimClock clock;
    private final SimSettings settings;
    private final WorkerFleet fleet = new WorkerFleet(this);
    private final SecureRandom random = new SecureRandom();
    final Map<String, SimTemplate> templates = new LinkedHashMap<>();
    final Map<String, SimEndpoint> endpoints = new LinkedHashMap<>();
    private final Map<String, SimJob> jobs = new LinkedHashMap<>();
    private final Map<String, Deque<Long>> rateWindows = new LinkedHashMap<>();
    private long lastTick;
    private int workerSeq;

    RunPodWorld(SimClock clock, SimSettings settings) {
        this.clock = clock;
        this.settings = settings;
        this.lastTick = clock.millis();
    }

    /** Runs {@code action} under the lock after bringing the simulation up to the current sim time. */
    synchronized <T> T apply(Function<RunPodWorld, T> action) {
        advanceTo(clock.millis());
        return action.apply(this);
    }

    long now() {
        return lastTick;
    }

    SimSettings settings() {
        return settings;
    }

    WorkerFleet fleet() {
        return fleet;
    }

    SimTemplate template(String id) {
        SimTemplate t = templates.get(id);
        if (t == null) {
            throw new IllegalStateException("endpoint refers to unknown template " + id);
        }
        return t;
    }

    /** The endpoint, or null when unknown or dead (both are a 404 on the wire). */
    SimEndpoint liveEndpoint(String id) {
        SimEndpoint e = endpoints.get(id);
        return e == null || e.dead() ? null : e;
    }

    long pullMillis(String image) {
        return settings.pullMillis(image);
    }

    String newWorkerId() {
        return "w" + (++workerSeq) + randomId(6);
    }

    String newId(int length) {
        return randomId(length);
    }

    private String randomId(int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ID_CHARS.charAt(random.nextInt(ID_CHARS.length())));
        }
        return sb.toString();
    }

    // ---- time ----

    private void advanceTo(long now) {
        for (int guard = 0; guard < 1_000_000; guard++) {
            long next = NEVER;
            for (SimEndpoint e : endpoints.values()) {
                next = Math.min(next, fleet.nextEvent(e));
            }
            if (next > now) {
                charge(now);
                return;
            }
            charge(Math.max(next, lastTick));
            for (SimEndpoint e : endpoints.values()) {
                fleet.applyDue(e, lastTick);
                fleet.reconcile(e, lastTick);
            }
        }
        throw new IllegalStateException("RunPod sandbox simulation did not settle");
    }

    private void charge(long until) {
        if (until <= lastTick) {
            return;
        }
        double seconds = (until - lastTick) / 1000.0;
        for (SimEndpoint e : endpoints.values()) {
            long billed = e.workers.stream().filter(SimWorker::billed).count();
            e.creditBurned += billed * seconds * settings.dollarsPerWorkerSecond;
        }
        lastTick = until;
    }

    void changed(SimEndpoint e) {
        fleet.reconcile(e, lastTick);
    }

    // ---- jobs ----

    SimJob submit(SimEndpoint e, JsonNode input, long executionTimeoutMs, boolean sync) {
        String id = (sync ? "sync-" : "") + UUID.randomUUID() + "-u1";
        SimJob job = new SimJob(id, e.id, input, executionTimeoutMs, sync, lastTick);
        jobs.put(id, job);
        e.queue.add(job);
        fleet.reconcile(e, lastTick);
        return job;
    }

    /** The job if it belongs to the endpoint and its result has not expired yet. */
    SimJob job(SimEndpoint e, String jobId) {
        SimJob job = jobs.get(jobId);
        if (job == null || !job.endpointId.equals(e.id)) {
            return null;
        }
        long retention = job.sync ? SYNC_RETENTION_MS : RUN_RETENTION_MS;
        if (job.finalState() && lastTick - job.finishedAt > retention) {
            jobs.remove(jobId);
            return null;
        }
        return job;
    }

    void finishJob(SimEndpoint e, SimWorker w, long at) {
        SimJob job = w.job;
        job.finishedAt = at;
        if (job.timesOut) {
            job.status = SimJob.Status.TIMED_OUT;
            job.error = "job exceeded executionTimeout of " + job.executionTimeoutMs + " ms";
            e.failed++;
        } else if (!job.isPing() && e.faults.contains(Fault.MODEL_LOAD_FAILED)) {
            job.status = SimJob.Status.FAILED;
            job.error = "Model failed to load";
            e.failed++;
        } else {
            job.status = SimJob.Status.COMPLETED;
            job.output = job.isPing() ? WorkerFleet.pingOutput(w) : echo(job.input);
            e.completed++;
        }
    }

    private static ObjectNode echo(JsonNode input) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.set("echo", input == null ? JsonNodeFactory.instance.nullNode() : input);
        return out;
    }

    void cancel(SimEndpoint e, SimJob job) {
        if (job.finalState()) {
            return;
        }
        e.queue.remove(job);
        job.status = SimJob.Status.CANCELLED;
        job.finishedAt = lastTick;
        e.workers.stream().filter(w -> w.job == job).findFirst()
                .ifPresent(w -> fleet.release(e, w, lastTick));
        fleet.reconcile(e, lastTick);
    }

    boolean retry(SimEndpoint e, SimJob job) {
        if (job.status != SimJob.Status.FAILED && job.status != SimJob.Status.TIMED_OUT) {
            return false;
        }
        job.status = SimJob.Status.IN_QUEUE;
        job.output = null;
        job.error = null;
        job.timesOut = false;
        e.retried++;
        e.queue.add(job);
        fleet.reconcile(e, lastTick);
        return true;
    }

    int purge(SimEndpoint e) {
        int removed = e.queue.size();
        for (SimJob job : e.queue) {
            job.status = SimJob.Status.CANCELLED;
            job.finishedAt = lastTick;
        }
        e.queue.clear();
        fleet.reconcile(e, lastTick);
        return removed;
    }

    /**
     * Counts the call against the endpoint's per-10-second window for {@code op}.
     *
     * @return -1 when allowed, else whole sim seconds until the window frees a slot (at least 1)
     */
    long rateLimit(SimEndpoint e, String op, int limitPer10s) {
        Deque<Long> window = rateWindows.computeIfAbsent(e.id + "/" + op, k -> new ArrayDeque<>());
        while (!window.isEmpty() && lastTick - window.peekFirst() >= 10_000) {
            window.pollFirst();
        }
        if (window.size() >= limitPer10s) {
            long freeAt = window.peekFirst() + 10_000;
            return Math.max(1, (freeAt - lastTick + 999) / 1000);
        }
        window.addLast(lastTick);
        return -1;
    }

    // ---- templates and endpoints ----

    void release(SimTemplate template) {
        for (SimEndpoint e : endpoints.values()) {
            if (e.templateId.equals(template.id) && !e.dead()) {
                fleet.rollingRelease(e, lastTick);
                fleet.reconcile(e, lastTick);
            }
        }
    }

    /** Seed 003: a dashboard edit recreated the endpoint under a new id; the old id now 404s. */
    SimEndpoint kill(SimEndpoint e) {
        e.faults.add(Fault.DEAD_ENDPOINT);
        SimEndpoint replacement = new SimEndpoint(newId(14), e.name, e.templateId);
        replacement.gpuIds = e.gpuIds;
        replacement.gpuTypeIds = e.gpuTypeIds;
        replacement.workersMin = e.workersMin;
        replacement.workersMax = e.workersMax;
        replacement.idleTimeout = e.idleTimeout;
        replacement.scalerType = e.scalerType;
        replacement.scalerValue = e.scalerValue;
        replacement.executionTimeoutMs = e.executionTimeoutMs;
        endpoints.put(replacement.id, replacement);
        e.replacedBy = replacement.id;
        e.queue.clear();
        fleet.reconcile(e, lastTick);
        fleet.reconcile(replacement, lastTick);
        return replacement;
    }

    void revive(SimEndpoint e) {
        if (e.replacedBy != null) {
            endpoints.remove(e.replacedBy);
            e.replacedBy = null;
        }
    }
}
