package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.EndpointHealth;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code runpod.health}: queue depth and worker counts of the target's serverless endpoint. */
@RunbookAction(key = "runpod.health", idempotent = true, destructive = false,
        description = "Read the RunPod endpoint's /health: queued and running jobs, workers ready/initializing/unhealthy")
public final class RunPodHealth implements Action<RunPodHealth.Params> {

    /** No parameters: the endpoint comes from the target's {@code runpod.endpointId}. */
    public record Params() {
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String endpointId = RunPodSteps.endpointId(ctx);
        EndpointHealth health;
        try {
            health = RunPodSteps.client(ctx).health(endpointId);
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "runpod /health " + endpointId,
                "endpoint " + endpointId + ": " + RunPodSteps.counts(health));
        return new StepResult(health.summary(), outputs(health));
    }

    static Map<String, String> outputs(EndpointHealth health) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("inQueue", Integer.toString(health.jobs().inQueue()));
        out.put("inProgress", Integer.toString(health.jobs().inProgress()));
        out.put("workersReady", Integer.toString(health.workers().up()));
        out.put("workersInitializing", Integer.toString(health.workers().initializing()));
        out.put("workersUnhealthy", Integer.toString(health.workers().unhealthy()));
        out.put("workersThrottled", Integer.toString(health.workers().throttled()));
        return out;
    }
}
