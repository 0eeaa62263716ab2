package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.runpod.Job;
import dev.gpuops.provider.runpod.JobPolicy;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runpod.cold_start}: after a release, sends one ping job and follows it through the cold start while
 * watching the endpoint's workers. An endpoint with {@code workersMin: 0} (seed 003's) only starts a worker for a
 * queued job, and that worker may serve it and scale back down between two /health polls, so the job itself is what
 * proves the release. Workers that turn unhealthy before any is ready are RunPod's RUNPOD_INIT_TIMEOUT kill loop:
 * the job is cancelled at once, so no more workers start and credit stops burning.
 */
@RunbookAction(key = "runpod.cold_start", idempotent = true, destructive = false,
        description = "Ping the RunPod endpoint through a cold start; stops (and cancels the job) on the init kill loop")
public final class RunPodColdStart implements Action<RunPodColdStart.Params> {

    public record Params(
            @Param(value = "How often to read the job and /health", defaultValue = "10s") Duration pollInterval,
            @Param(value = "Worker kills (unhealthy before any ready) tolerated before giving up",
                    defaultValue = "2") Integer maxRestarts) {

        public Params {
            pollInterval = pollInterval == null ? Duration.ofSeconds(10) : pollInterval;
            maxRestarts = maxRestarts == null ? 2 : maxRestarts;
            if (!pollInterval.isPositive() || maxRestarts < 1) {
                throw new IllegalArgumentException("runpod.cold_start needs a positive pollInterval and"
                        + " maxRestarts >= 1");
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String endpointId = RunPodWatch.endpointId(ctx.target());
        RunPodClient client = ctx.runpod();
        Instant start = ctx.clock().instant();
        Job job = call(() -> client.run(endpointId, JsonHttp.JSON.readTree("{\"ping\":true}"),
                new JobPolicy(Duration.ofMinutes(2), Duration.between(ctx.clock().instant(), ctx.deadline()), null)),
                endpointId);
        ctx.progress("ping job " + job.id() + " queued; waiting for a worker to start");
        RunPodWatch watch = new RunPodWatch(ctx, endpointId, params.maxRestarts());
        Wait.Result<JobStatus> wait = Wait.on(ctx).every(params.pollInterval()).until(poll -> {
            JobStatus status = call(() -> client.status(endpointId, job.id()), endpointId);
            if (status.status().isFinal()) {
                return Wait.done(status);
            }
            EndpointHealth health = call(() -> client.health(endpointId), endpointId);
            String loop = watch.observe(health);
            if (loop != null) {
                throw stop(ctx, client, endpointId, job.id(), watch, "workers are in a kill loop: " + loop
                        + ". RunPod kills a worker not ready within RUNPOD_INIT_TIMEOUT (now "
                        + watch.initTimeout().toSeconds() + " s) and starts another, burning credit each time."
                        + " Raise it (runpod.set_image initTimeoutSeconds), shrink the image, or make"
                        + " the ghcr.io package public; /gpu scale <target> 0 stops all workers meanwhile");
            }
            return Wait.pending("ping job " + status.status() + "; " + health.summary(), status);
        });
        if (wait.done()) {
            return finished(ctx, wait.value(), Duration.between(start, ctx.clock().instant()));
        }
        String state = wait.lastSeen() == null ? "waiting" : wait.lastSeen().status().toString();
        throw stop(ctx, client, endpointId, job.id(), watch, "the ping job is still " + state + " after "
                + wait.took() + (wait.lastDetail() == null ? "" : " (last: " + wait.lastDetail() + ")"));
    }

    /** @param waited measured on the step's clock; RunPod's delayTime is capped at it so durations add up */
    private static StepResult finished(StepContext ctx, JobStatus status, Duration waited) {
        if (status.status() != JobState.COMPLETED || status.output() == null
                || !status.output().path("pong").asBoolean(false)) {
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod job " + status.id(), "ping job " + status.id() + " "
                    + status.status() + (status.error() == null ? "" : ": " + status.error()));
            throw StepFailure.permanent("ping job " + status.id() + " ended " + status.status()
                    + (status.error() == null ? " without {\"pong\": true}" : ": " + status.error())
                    + " — the new release's handler fails even in ping mode; check the worker logs on the RunPod"
                    + " console");
        }
        Duration delay = status.delayTime().orElse(Duration.ZERO);
        delay = delay.compareTo(waited) > 0 ? waited : delay;
        Map<String, String> out = new LinkedHashMap<>();
        out.put("jobId", status.id());
        out.put("coldStartSeconds", String.format(java.util.Locale.ROOT, "%.1f", delay.toMillis() / 1000.0));
        out.put("executionMs", Long.toString(status.executionTime().orElse(Duration.ZERO).toMillis()));
        out.put("version", status.output().path("version").asString(""));
        return new StepResult("pong after a " + RunPodWatch.human(delay) + " cold start (queue wait), handler "
                + out.get("executionMs") + " ms", out);
    }

    private static StepFailure stop(StepContext ctx, RunPodClient client, String endpointId, String jobId,
                                    RunPodWatch watch, String why) {
        String cancelled;
        try {
            client.cancel(endpointId, jobId);
            cancelled = "ping job " + jobId + " cancelled so it starts no more workers";
        } catch (ProviderException e) {
            cancelled = "could not cancel ping job " + jobId + " (" + e.getMessage() + "); purge the queue";
        }
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod /health timeline " + endpointId, watch.timeline());
        if (ctx.cancelled()) {
            return StepFailure.permanent("run cancelled during the cold start; " + cancelled);
        }
        return StepFailure.permanent("endpoint " + endpointId + ": " + why + "; " + cancelled);
    }

    private static <T> T call(java.util.function.Supplier<T> request, String endpointId) {
        try {
            return request.get();
        } catch (ProviderException e) {
            throw new StepFailure("RunPod endpoint " + endpointId + ": " + e.getMessage(), e.retryable(), e);
        }
    }
}
