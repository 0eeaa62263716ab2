package dev.gpuops.runbook.action.preflight;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.runpod.Job;
import dev.gpuops.provider.runpod.JobPolicy;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runpod.warm_up}: an endpoint with {@code workersMin: 0} (seed 003's) starts workers only for queued jobs,
 * so after a release nothing would start and {@code runpod.wait_ready} could not watch the cold start. When the
 * endpoint has no worker at all, this queues one ping job with a time-to-live, so the job (and the scale-up it
 * causes) expires by itself if the release never becomes ready.
 */
public final class RunPodWarmUp implements Action<RunPodWarmUp.Params> {

    public record Params(
            @Param(value = "How long the warm-up job may wait in the queue before RunPod drops it", defaultValue = "30m")
            Duration ttl) {

        public Params {
            ttl = ttl == null ? Duration.ofMinutes(30) : ttl;
            if (ttl.compareTo(Duration.ofSeconds(10)) < 0 || ttl.compareTo(Duration.ofHours(24)) > 0) {
                throw new IllegalArgumentException("runpod.warm_up ttl must be between 10s and 24h");
            }
        }
    }

    @Override
    public String key() {
        return "runpod.warm_up";
    }

    @Override
    public Class<Params> paramsType() {
        return Params.class;
    }

    @Override
    public String description() {
        return "Queue a ping job (with a TTL) when the RunPod endpoint has no worker, so one starts";
    }

    /** A second ping job is harmless and expires by itself. */
    @Override
    public boolean idempotent() {
        return true;
    }

    @Override
    public boolean destructive() {
        return false;
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String endpointId = endpointId(ctx.target());
        RunPodClient client = ctx.service(RunPodClient.class);
        try {
            EndpointHealth health = client.health(endpointId);
            ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod /health " + endpointId, health.summary());
            EndpointHealth.Workers w = health.workers();
            int workers = w.up() + w.initializing() + w.running() + w.unhealthy() + w.throttled();
            if (workers > 0 || health.jobs().inQueue() > 0) {
                return StepResult.of("not needed: " + health.summary(), "jobId", "");
            }
            Job job = client.run(endpointId, JsonHttp.JSON.readTree("{\"ping\":true}"),
                    new JobPolicy(Duration.ofMinutes(1), params.ttl(), false));
            Map<String, String> out = new LinkedHashMap<>();
            out.put("jobId", job.id());
            return new StepResult("no workers: queued ping job " + job.id() + " so RunPod starts one (it expires"
                    + " after " + params.ttl().toMinutes() + " min if no worker becomes ready)", out);
        } catch (ProviderException e) {
            throw new StepFailure("RunPod endpoint " + endpointId + ": " + e.getMessage(), e.retryable(), e);
        }
    }

    private static String endpointId(Target target) {
        if (target.runpod() == null || HostAccess.blank(target.runpod().endpointId())) {
            throw StepFailure.permanent("target " + target.name() + " has no runpod.endpointId in the targets file");
        }
        return target.runpod().endpointId();
    }
}
