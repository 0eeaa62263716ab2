package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runpod.wait_ready}: polls /health until enough workers are ready. It stops early, with the /health
 * timeline as evidence, when workers are caught in the RUNPOD_INIT_TIMEOUT kill loop or the endpoint has no workers
 * at all, instead of burning credit until the step's deadline.
 */
@RunbookAction(key = "runpod.wait_ready", idempotent = true, destructive = false,
        description = "Wait until the RunPod endpoint has ready workers; fails fast on the init-timeout kill loop")
public final class RunPodWaitReady implements Action<RunPodWaitReady.Params> {

    public record Params(
            @Param(value = "How often to read /health", defaultValue = "10s") Duration pollInterval,
            @Param(value = "Ready workers needed", defaultValue = "1") Integer minReady,
            @Param(value = "Worker kills (unhealthy before ready) tolerated before giving up", defaultValue = "2")
            Integer maxRestarts,
            @Param(value = "How often to post a progress line when counts do not change", defaultValue = "60s")
            Duration progressEvery) {

        public Params {
            pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
            minReady = minReady == null ? 1 : minReady;
            maxRestarts = maxRestarts == null ? 2 : maxRestarts;
            progressEvery = progressEvery == null ? Duration.ofSeconds(60) : progressEvery;
            if (!pollInterval.isPositive() || !progressEvery.isPositive() || minReady < 1 || maxRestarts < 1) {
                throw new IllegalArgumentException("runpod.wait_ready needs a positive pollInterval and"
                        + " progressEvery, minReady >= 1 and maxRestarts >= 1");
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String endpointId = RunPodSteps.endpointId(ctx);
        RunPodClient client = RunPodSteps.client(ctx);
        Duration initTimeout = initTimeout(ctx, client);
        Instant start = ctx.clock().instant();
        InitLoopWatch watch = new InitLoopWatch(params.minReady(), params.maxRestarts(), initTimeout, start);
        Wait.Result<EndpointHealth> wait = Wait.on(ctx).every(params.pollInterval())
                .reporting(Duration.ofSeconds(5), params.progressEvery()).until(poll -> {
                    EndpointHealth health = health(ctx, client, endpointId);
                    switch (watch.observe(ctx.clock().instant(), health)) {
                        case READY -> {
                            return Wait.done(health);
                        }
                        case KILL_LOOP -> throw killLoop(ctx, endpointId, watch, health, initTimeout);
                        case NO_WORKERS -> throw noWorkers(ctx, endpointId, watch, health);
                        case WAITING -> { }
                    }
                    return Wait.pending(health.summary() + (watch.restarts() > 0 ? "; worker kills seen: "
                            + watch.restarts() : ""), health);
                });
        if (wait.done()) {
            return ready(wait.value(), wait.elapsed());
        }
        if (wait.lastSeen() == null) {
            throw StepFailure.permanent("run cancelled before endpoint " + endpointId + " was read");
        }
        throw stopped(ctx, endpointId, watch, wait.lastSeen(), params.minReady(), wait.elapsed());
    }

    private static EndpointHealth health(StepContext ctx, RunPodClient client, String endpointId) {
        try {
            return client.health(endpointId);
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
    }

    /** The template's RUNPOD_INIT_TIMEOUT when it can be read, else the targets file's, else RunPod's 420 s. */
    private static Duration initTimeout(StepContext ctx, RunPodClient client) {
        Target.Runpod runpod = ctx.target().runpod();
        if (runpod.templateId() != null && !runpod.templateId().isBlank()) {
            try {
                String value = client.getTemplate(runpod.templateId()).env().get(RunPodSetImage.INIT_TIMEOUT);
                if (value != null && value.trim().matches("\\d{1,5}")) {
                    return Duration.ofSeconds(Long.parseLong(value.trim()));
                }
                return Duration.ofSeconds(420);
            } catch (ProviderException e) {
                ctx.progress("could not read the template's RUNPOD_INIT_TIMEOUT (" + e.getMessage() + ")");
            }
        }
        return Duration.ofSeconds(runpod.initTimeoutSeconds() != null ? runpod.initTimeoutSeconds() : 420);
    }

    private static StepResult ready(EndpointHealth health, Duration waited) {
        Map<String, String> out = new LinkedHashMap<>(RunPodHealth.outputs(health));
        out.put("waitedSeconds", RunPodSteps.seconds(waited));
        return new StepResult(health.workers().up() + " worker(s) ready after " + RunPodSteps.human(waited) + " ("
                + health.summary() + ")", out);
    }

    private static StepFailure killLoop(StepContext ctx, String endpointId, InitLoopWatch watch,
                                        EndpointHealth health, Duration initTimeout) {
        timelineEvidence(ctx, endpointId, watch);
        return StepFailure.permanent("workers of endpoint " + endpointId + " are in a kill loop: " + watch.reason()
                + ". RunPod kills a worker not ready within RUNPOD_INIT_TIMEOUT (now " + initTimeout.toSeconds()
                + " s) and starts another, burning credit each time. Raise it with runpod.set_image"
                + " (initTimeoutSeconds: 900) or shrink the image; if the image is on ghcr.io make sure the package"
                + " is public, since failed pulls loop the same way. Consider runpod.scale to 0/0 meanwhile."
                + " Last: " + RunPodSteps.counts(health));
    }

    private static StepFailure noWorkers(StepContext ctx, String endpointId, InitLoopWatch watch,
                                         EndpointHealth health) {
        timelineEvidence(ctx, endpointId, watch);
        String why = health.jobs().inQueue() > 0
                ? "jobs are queued but RunPod starts no worker — workersMax is probably 0; raise it with runpod.scale"
                : "with workersMin 0 RunPod starts workers only for queued jobs; send one (runpod.ping) or set"
                        + " workersMin >= 1 with runpod.scale";
        return StepFailure.permanent("endpoint " + endpointId + " has no workers at all: " + why);
    }

    private static StepFailure stopped(StepContext ctx, String endpointId, InitLoopWatch watch,
                                       EndpointHealth health, int minReady, Duration waited) {
        timelineEvidence(ctx, endpointId, watch);
        if (ctx.cancelled()) {
            return StepFailure.permanent("run cancelled after waiting " + RunPodSteps.human(waited)
                    + " for ready workers; last: " + health.summary());
        }
        String why = health.workers().up() > 0 ? "only " + health.workers().up() + " of " + minReady + " ready"
                : QueueDiagnosis.whyQueued(health);
        return new StepFailure("not enough ready workers on endpoint " + endpointId + " after "
                + RunPodSteps.human(waited) + " (" + health.summary() + "): " + why,
                health.workers().initializing() > 0);
    }

    private static void timelineEvidence(StepContext ctx, String endpointId, InitLoopWatch watch) {
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod /health timeline " + endpointId,
                String.join("\n", watch.timeline()));
    }
}
