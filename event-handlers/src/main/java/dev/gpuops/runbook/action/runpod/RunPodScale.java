package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.runpod.Endpoint;
import dev.gpuops.provider.runpod.EndpointPatch;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code runpod.scale}: sets the endpoint's worker bounds through REST v1 PATCH, which changes only these two
 * fields. {@code workersMax: 0} is seed 003's "kill all workers": it stops every worker and all spend.
 *
 * <p>Idempotent: Sets absolute values: repeating it changes nothing. Destructive: Scaling down stops workers that may
 * be serving traffic.
 */
@RunbookAction(key = "runpod.scale", idempotent = true, destructive = true,
        description = "Set the RunPod endpoint's workersMin/workersMax; workersMax 0 stops all workers and spend")
public final class RunPodScale implements Action<RunPodScale.Params> {

    static final int MAX_WORKERS = 100;

    public record Params(
            @Param(value = "Workers kept running even with an empty queue (0 = scale to zero when idle)",
                    required = true) Integer workersMin,
            @Param(value = "Upper bound on workers; 0 stops all workers and all spend", required = true)
            Integer workersMax) {

        public Params {
            if (workersMin == null || workersMax == null) {
                throw new IllegalArgumentException("runpod.scale needs both workersMin and workersMax");
            }
            if (workersMin < 0 || workersMin > workersMax || workersMax > MAX_WORKERS) {
                throw new IllegalArgumentException("runpod.scale needs 0 <= workersMin <= workersMax <= "
                        + MAX_WORKERS + ", got workersMin " + workersMin + ", workersMax " + workersMax);
            }
        }
    }

    @Override
    public java.util.Optional<String> blastRadius(StepContext ctx, Params params) {
        dev.gpuops.provider.runpod.EndpointHealth.Workers workers =
                RunPodSteps.client(ctx).health(RunPodSteps.endpointId(ctx)).workers();
        int running = workers.up();
        int stopped = Math.max(0, running - params.workersMax());
        return java.util.Optional.of("scale to " + params.workersMax() + " stops " + stopped + " running worker"
                + (stopped == 1 ? "" : "s") + " (" + running + " up now)");
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String endpointId = RunPodSteps.endpointId(ctx);
        RunPodClient client = RunPodSteps.client(ctx);
        Endpoint before;
        Endpoint after;
        try {
            before = client.getEndpoint(endpointId);
            after = client.patchEndpoint(endpointId, EndpointPatch.workers(params.workersMin(), params.workersMax()));
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
        Map<String, String> out = new LinkedHashMap<>();
        out.put("workersMin", String.valueOf(after.workersMin()));
        out.put("workersMax", String.valueOf(after.workersMax()));
        out.put("previousWorkersMin", String.valueOf(before.workersMin()));
        out.put("previousWorkersMax", String.valueOf(before.workersMax()));
        return new StepResult(summary(before, params), out);
    }

    private static String summary(Endpoint before, Params p) {
        String was = " (was " + before.workersMin() + "/" + before.workersMax() + ")";
        if (p.workersMax() == 0) {
            return "scaled to zero: workersMin 0, workersMax 0" + was + " — all workers stop and spend stops;"
                    + " queued jobs wait until workersMax is raised";
        }
        String idle = p.workersMin() == 0 ? "; no workers (and no spend) while the queue is empty" : "";
        return "workersMin " + p.workersMin() + ", workersMax " + p.workersMax() + was + idle;
    }
}
