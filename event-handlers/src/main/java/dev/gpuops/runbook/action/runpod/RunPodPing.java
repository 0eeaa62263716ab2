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
import dev.gpuops.runbook.action.Wait;
import java.time.Duration;
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
            pollInterval = Wait.interval("pollInterval", pollInterval, Duration.ofSeconds(5));
            progressEvery = Wait.interval("progressEvery", progressEvery, Duration.ofSeconds(30));
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String endpointId = RunPodSteps.endpointId(ctx);
        RunPodClient client = RunPodSteps.client(ctx);
        java.time.Instant submitted = ctx.clock().instant();
        try {
            Job job = client.run(endpointId, JsonHttp.JSON.readTree("{\"ping\":true}"), null);
            ctx.progress("ping job " + job.id() + " submitted (" + job.status() + ")");
            return follow(ctx, params, client, endpointId, job.id(), submitted);
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
    }

    private StepResult follow(StepContext ctx, Params params, RunPodClient client, String endpointId, String jobId,
                              java.time.Instant submitted) throws InterruptedException {
        Wait.Result<JobStatus> wait = Wait.on(ctx).every(params.pollInterval())
                .reporting(Duration.ofSeconds(5), params.progressEvery()).until(poll -> {
                    JobStatus status = client.status(endpointId, jobId);
                    return status.status().isFinal() ? Wait.done(status)
                            : Wait.pending("ping job " + status.status(), status);
                });
        if (wait.done()) {
            return finish(ctx, wait.value(), Duration.between(submitted, ctx.clock().instant()));
        }
        JobState last = wait.lastSeen() == null ? JobState.IN_QUEUE : wait.lastSeen().status();
        throw giveUp(ctx, client, endpointId, jobId, last, wait.elapsed());
    }

    /** @param waited measured on the step's clock: the thread never claims a longer cold start than the step took */
    private static StepResult finish(StepContext ctx, JobStatus status, Duration waited) {
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
        Duration delay = RunPodSteps.atMost(status.delayTime().orElse(Duration.ZERO), waited);
        Duration execution = RunPodSteps.atMost(status.executionTime().orElse(Duration.ZERO), waited);
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
