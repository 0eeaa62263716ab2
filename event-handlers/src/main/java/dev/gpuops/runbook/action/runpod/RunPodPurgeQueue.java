package dev.gpuops.runbook.action.runpod;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;

/**
 * {@code runpod.purge_queue}: drops every job still waiting in the endpoint's queue (running jobs finish). Seed 003
 * uses it to clear jobs stuck IN_QUEUE before a fix; RunPod allows only 2 purges per 10 s per endpoint.
 *
 * <p>Idempotent: Running it again just empties the queue again. Destructive: Queued user jobs are deleted and cannot
 * be recovered.
 */
@RunbookAction(key = "runpod.purge_queue", idempotent = true, destructive = true,
        description = "Remove all queued (not yet running) jobs from the RunPod endpoint")
public final class RunPodPurgeQueue implements Action<RunPodPurgeQueue.Params> {

    /** No parameters: the endpoint comes from the target's {@code runpod.endpointId}. */
    public record Params() {
    }

    @Override
    public java.util.Optional<String> blastRadius(StepContext ctx, Params params) {
        int queued = RunPodSteps.client(ctx).health(RunPodSteps.endpointId(ctx)).jobs().inQueue();
        return java.util.Optional.of("purge drops " + queued + " queued job" + (queued == 1 ? "" : "s"));
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String endpointId = RunPodSteps.endpointId(ctx);
        int removed;
        try {
            removed = RunPodSteps.client(ctx).purgeQueue(endpointId);
        } catch (ProviderException.RateLimited e) {
            throw new StepFailure("RunPod refused the purge: it allows 2 purge-queue calls per 10 seconds per"
                    + " endpoint and this endpoint was purged just now; "
                    + e.retryAfter().map(d -> "try again in " + d.toSeconds() + " s").orElse("try again in 10 s")
                    + " (the step's retry will)", true, e);
        } catch (ProviderException e) {
            throw RunPodSteps.explain(e, ctx, endpointId);
        }
        String summary = removed == 0 ? "queue was already empty"
                : "purged " + removed + " queued job" + (removed == 1 ? "" : "s") + " (running jobs continue)";
        return StepResult.of(summary, "removed", Integer.toString(removed));
    }
}
