package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.runpod.Job;
import dev.gpuops.provider.runpod.JobState;
import dev.gpuops.provider.runpod.JobStatus;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runpod.ping}: submits seed 003's ping job {@code {"input":{"ping":true}}} and follows it to COMPLETED.
 * The queue wait is the cold start when no worker was warm. On timeout the job is cancelled, so it cannot start a
 * worker (and spend) after the step gave up, and the endpoint's state explains why it never ran.
 *
 * <p>Idempotent: Another ping is harmless.
 */
@RunbookAction(key = "runpod.ping", idempotent = true, destructive = false,
        description = "Send a ping job to the RunPod endpoint and wait for {\"pong\": true}; reports the cold-start time")
public final class RunPodPing implements Action<RunPodPing.Params> {

    public record Params(
            @Param(value = "How often to poll the job's status", defaultValue = "5s") Duration pollInterval,
            @Param(value = "How often to post a progress line while the job waits", defaultValue = "30s")
            Duration progressEvery) {

        public Params {
            pollInterval = pollInterval == null ? Duration.ofSeconds(5) : pollInterval;
            progressEvery = progressEvery == null ? Duration.ofSeconds(30) : progressEvery;
            if (pollInterval.isNegative() || pollInterval.isZero()) {
                throw new IllegalArgumentException("pollInterval must be positive");
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String endpointId = RunPodSteps.endpointId(ctx);
        RunPodClient client = RunPodSteps.client(ctx);
        try {
            Job job = client.run(endpointId, JsonHttp.JSON.readTree("{\"ping\":true}"), null);
            ctx.progress("ping job " + job.id() + " submitted (" + job.status() + ")");
            return follow(ctx, params, client, endpointId, job.id());
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
    }

    private StepResult follow(StepContext ctx, Params params, RunPodClient client, String endpointId, String jobId)
            throws InterruptedException {
        Instant start = ctx.clock().instant();
        Instant lastProgress = start;
        JobState lastState = null;
        while (true) {
            JobStatus status = client.status(endpointId, jobId);
            if (status.status().isFinal()) {
                return finish(ctx, status);
            }
            Instant now = ctx.clock().instant();
            if (status.status() != lastState || !now.isBefore(lastProgress.plus(params.progressEvery()))) {
                ctx.progress("ping job " + status.status() + " after " + RunPodSteps.human(Duration.between(start, now)));
                lastProgress = now;
                lastState = status.status();
            }
            if (!ctx.pause(params.pollInterval())) {
                throw giveUp(ctx, client, endpointId, jobId, status.status(), Duration.between(start,
                        ctx.clock().instant()));
            }
        }
    }

    private static StepResult finish(StepContext ctx, JobStatus status) {
        if (status.status() != JobState.COMPLETED) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod job " + status.id(), "ping job " + status.id() + " "
                    + status.status() + (status.error() == null ? "" : ": " + status.error()));
            throw StepFailure.permanent("ping job " + status.id() + " ended " + status.status()
                    + (status.error() == null ? "" : ": " + status.error())
                    + " — the handler failed even in ping mode; check the worker logs on the RunPod console");
        }
        if (status.output() == null || !status.output().path("pong").asBoolean(false)) {
            throw StepFailure.permanent("ping job " + status.id() + " completed without {\"pong\": true} in its"
                    + " output — the handler does not implement ping mode (it should answer {\"ping\": true}"
                    + " with {\"pong\": true, \"version\": …} without loading the model)");
        }
        Duration delay = status.delayTime().orElse(Duration.ZERO);
        Duration execution = status.executionTime().orElse(Duration.ZERO);
        String version = status.output().path("version").asString("");
        Map<String, String> out = new LinkedHashMap<>();
        out.put("jobId", status.id());
        out.put("coldStartSeconds", RunPodSteps.seconds(delay));
        out.put("delayMs", Long.toString(delay.toMillis()));
        out.put("executionMs", Long.toString(execution.toMillis()));
        out.put("version", version);
        String queued = delay.toSeconds() >= 5 ? "queued " + RunPodSteps.human(delay) + " (cold start)"
                : "warm worker, queued " + delay.toMillis() + " ms";
        String from = version.isEmpty() ? "pong" : "pong from " + version;
        return new StepResult(from + " in " + execution.toMillis() + " ms; " + queued, out);
    }

    private static StepFailure giveUp(StepContext ctx, RunPodClient client, String endpointId, String jobId,
                                      JobState last, Duration waited) {
        String cancelled = cancel(client, endpointId, jobId);
        EndpointHealth health = null;
        try {
            health = client.health(endpointId);
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod /health " + endpointId,
                    "ping job " + jobId + " still " + last + " after " + RunPodSteps.human(waited) + "; "
                            + RunPodSteps.counts(health));
        } catch (ProviderException ignored) {
            // the diagnosis below just has less to go on
        }
        if (ctx.cancelled()) {
            return StepFailure.permanent("run cancelled while waiting for ping job " + jobId + "; " + cancelled);
        }
        String why = last == JobState.IN_PROGRESS
                ? "a worker picked it up but the handler did not answer — it may be loading the model inside the"
                        + " handler; ping mode should answer before any model work"
                : QueueDiagnosis.whyQueued(health);
        boolean retryable = health != null && health.workers().initializing() > 0;
        return new StepFailure("ping job " + jobId + " still " + last + " after " + RunPodSteps.human(waited)
                + ": " + why + "; " + cancelled, retryable);
    }

    private static String cancel(RunPodClient client, String endpointId, String jobId) {
        try {
            client.cancel(endpointId, jobId);
            return "the ping job was cancelled so it cannot start a worker later";
        } catch (ProviderException e) {
            return "cancelling the ping job failed (" + e.getMessage() + "), it may still start a worker";
        }
    }
}
