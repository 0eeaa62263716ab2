package dev.gpuops.runbook.action.core;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;

/**
 * {@code monitor.view}: what the health monitor thinks of the target right now (healthy, failing and why, or unknown
 * because a provider API is unreachable, and since when), as a line of {@code /gpu status}, and as evidence of a
 * {@code diagnose} run. Never fails: a run does not go red because the monitor is off.
 */
@RunbookAction(key = "monitor.view", idempotent = true, destructive = false,
        description = "The health monitor's current view of the target (state, failing checks, unknown since when)")
public final class MonitorViewAction implements Action<MonitorViewAction.Params> {

    public record Params() {
    }

    @Override
    public StepResult execute(StepContext context, Params params) {
        String view;
        try {
            view = context.monitorView().view(context.target().name());
            // what the monitor saw failing is evidence: a diagnose run it started is matched against it too
            context.evidence(Evidence.Kind.COMMAND_OUTPUT, "health monitor", view);
        } catch (StepFailure notHere) {
            view = "not running in this process";
        }
        return StepResult.of("monitor: " + view, "monitor", view);
    }
}
