package dev.gpuops.sandbox.runpod;

import static dev.gpuops.sandbox.runpod.SimWorker.NEVER;

import dev.gpuops.sandbox.runpod.SimWorker.State;
import java.util.List;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Worker lifecycle of one endpoint: scaling to the queue, cold starts, the RUNPOD_INIT_TIMEOUT kill loop, rolling
 * releases, job pick-up and idle scale-down. Every transition happens at an exact sim instant so a large clock jump
 * replays the same history a slow clock would.
 */
final class WorkerFleet {

    private static final long PULL_FAILURE_MILLIS = 30_000;

    private final RunPodWorld world;

    WorkerFleet(RunPodWorld world) {
        this.world = world;
    }

    /** Workers the scaler wants: one per queued or running job, clamped to the endpoint's min and max. */
    static int desired(SimEndpoint e) {
        long active = e.queue.size() + e.inProgress();
        return (int) Math.min(e.workersMax, Math.max(e.workersMin, active));
    }

    long nextEvent(SimEndpoint e) {
        long next = NEVER;
        for (SimWorker w : e.workers) {
            next = Math.min(next, eventAt(e, w));
        }
        return next;
    }

    private long eventAt(SimEndpoint e, SimWorker w) {
        return switch (w.state) {
            case INITIALIZING -> Math.min(w.readyAt, w.killAt);
            case UNHEALTHY -> w.restartAt;
            case RUNNING -> w.jobEndsAt;
            case IDLE -> e.workers.size() > desired(e) ? w.since + e.idleTimeout * 1000L : NEVER;
            case THROTTLED -> NEVER;
        };
    }

    void applyDue(SimEndpoint e, long t) {
        for (SimWorker w : List.copyOf(e.workers)) {
            long at = eventAt(e, w);
            if (at <= t) {
                step(e, w, at);
            }
        }
    }

    private void step(SimEndpoint e, SimWorker w, long at) {
        switch (w.state) {
            case INITIALIZING -> {
                if (w.killAt <= w.readyAt) {
                    kill(w, at);
                } else {
                    idle(w, at);
                }
            }
            case UNHEALTHY -> startInit(e, w, at);
            case RUNNING -> {
                world.finishJob(e, w, at);
                afterJob(e, w, at);
            }
            case IDLE -> e.workers.remove(w);
            case THROTTLED -> { }
        }
    }

    void reconcile(SimEndpoint e, long t) {
        if (e.dead()) {
            e.workers.clear();
            return;
        }
        shrink(e);
        while (active(e) < desired(e)) {
            spawn(e, t);
        }
        for (SimWorker w : e.workers) {
            if (w.state == State.THROTTLED && !e.faults.contains(Fault.NO_CAPACITY)) {
                startInit(e, w, t);
            }
        }
        if (!e.faults.contains(Fault.JOBS_STUCK)) {
            for (SimWorker w : e.workers) {
                if (w.state == State.IDLE && !e.queue.isEmpty()) {
                    startJob(w, e.queue.poll(), t);
                }
            }
        }
    }

    /** A template change: idle and starting workers restart on the new image now, busy ones after their job. */
    void rollingRelease(SimEndpoint e, long t) {
        e.version++;
        restartStarting(e, t);
    }

    /** Restarts every worker that is not busy; busy ones restart when their job ends. */
    void restartStarting(SimEndpoint e, long t) {
        for (SimWorker w : e.workers) {
            switch (w.state) {
                case RUNNING -> w.stale = true;
                case IDLE, INITIALIZING, UNHEALTHY -> startInit(e, w, t);
                case THROTTLED -> { }
            }
        }
    }

    /** Frees a worker whose job was cancelled. */
    void release(SimEndpoint e, SimWorker w, long t) {
        afterJob(e, w, t);
    }

    private void afterJob(SimEndpoint e, SimWorker w, long at) {
        w.job = null;
        w.jobEndsAt = NEVER;
        if (w.drain) {
            e.workers.remove(w);
        } else if (w.stale) {
            startInit(e, w, at);
        } else {
            idle(w, at);
        }
    }

    /** Workers that are not on their way out. */
    private static long active(SimEndpoint e) {
        return e.workers.stream().filter(w -> !w.drain).count();
    }

    private void shrink(SimEndpoint e) {
        int wanted = desired(e);
        for (State notServing : new State[] {State.THROTTLED, State.UNHEALTHY, State.INITIALIZING}) {
            for (SimWorker w : List.copyOf(e.workers)) {
                if (w.state == notServing && active(e) > wanted) {
                    e.workers.remove(w);
                }
            }
        }
        for (SimWorker w : List.copyOf(e.workers)) {
            if (active(e) <= e.workersMax) {
                break;
            }
            if (w.state == State.IDLE) {
                e.workers.remove(w);
            } else if (w.state == State.RUNNING) {
                w.drain = true;
            }
        }
    }

    private void spawn(SimEndpoint e, long t) {
        SimWorker w = new SimWorker(world.newWorkerId());
        e.workers.add(w);
        if (e.faults.contains(Fault.NO_CAPACITY)) {
            w.state = State.THROTTLED;
            w.since = t;
        } else {
            startInit(e, w, t);
        }
    }

    private void startInit(SimEndpoint e, SimWorker w, long t) {
        SimTemplate template = world.template(e.templateId);
        w.state = State.INITIALIZING;
        w.since = t;
        w.image = template.imageName;
        w.stale = false;
        w.restartAt = NEVER;
        long timeout = template.initTimeoutSeconds() * 1000L;
        long init = e.faults.contains(Fault.INIT_TIMEOUT) ? timeout + 120_000 : world.pullMillis(w.image);
        Fault pullFault = e.faults.stream().filter(Fault::breaksPull).findFirst().orElse(null);
        if (pullFault != null) {
            w.readyAt = NEVER;
            w.killAt = t + PULL_FAILURE_MILLIS;
            w.killReason = pullError(pullFault, w.image);
        } else if (init > timeout) {
            w.readyAt = t + init;
            w.killAt = t + timeout;
            w.killReason = "worker not ready within RUNPOD_INIT_TIMEOUT=" + timeout / 1000 + "s (init needs "
                    + init / 1000 + "s): marked unhealthy and restarted";
        } else {
            w.readyAt = t + Math.max(1, init);
            w.killAt = NEVER;
        }
    }

    private static String pullError(Fault fault, String image) {
        return fault == Fault.GHCR_PRIVATE
                ? "failed to pull image " + image + ": unauthorized (ghcr.io packages are private by default)"
                : "failed to pull image " + image + ": manifest unknown";
    }

    private void kill(SimWorker w, long at) {
        w.state = State.UNHEALTHY;
        w.since = at;
        w.lastError = w.killReason;
        w.restarts++;
        w.readyAt = NEVER;
        w.killAt = NEVER;
        w.restartAt = at + world.settings().restartDelay().toMillis();
    }

    private static void idle(SimWorker w, long at) {
        w.state = State.IDLE;
        w.since = at;
        w.readyAt = NEVER;
        w.killAt = NEVER;
    }

    private void startJob(SimWorker w, SimJob job, long t) {
        w.state = State.RUNNING;
        w.since = t;
        w.job = job;
        job.status = SimJob.Status.IN_PROGRESS;
        job.startedAt = t;
        job.workerId = w.id;
        long duration = job.isPing() ? world.settings().pingDuration().toMillis()
                : world.settings().jobDuration().toMillis();
        w.jobEndsAt = t + Math.max(1, Math.min(duration, job.executionTimeoutMs));
        job.timesOut = duration > job.executionTimeoutMs;
    }

    static ObjectNode pingOutput(SimWorker w) {
        ObjectNode out = JsonNodeFactory.instance.objectNode();
        out.put("pong", true);
        out.put("version", SimTemplate.tagOf(w.image));
        return out;
    }
}
