package dev.gpuops.runbook.action.vast;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastInstance;
import dev.gpuops.provider.vast.VastStatus;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import java.time.Duration;

/**
 * Reboots the Vast instance's container (keeping its GPU) and waits until it runs again. Vast's status can lag the
 * reboot request, so "running" only counts once the instance was seen starting or after a settle time.
 */
@RunbookAction(key = "vast.reboot", idempotent = false, destructive = true,
        description = "Reboot the Vast instance's container and wait until it is running")
public final class VastReboot implements Action<VastReboot.Params> {

    static final Duration SETTLE = Duration.ofSeconds(30);

    public record Params(
            @Param("Vast instance id; defaults to vast.instanceId of the target")
            Long instanceId,
            @Param(value = "How often to ask Vast (it rate-limits frequent calls)", defaultValue = "PT5S")
            Duration pollInterval) {

        public Params {
            pollInterval = Wait.interval("pollInterval", pollInterval, Duration.ofSeconds(5));
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        VastClient client = ctx.vast();
        long id = VastInstances.instanceId(ctx.target(), params.instanceId());
        VastInstance before = VastInstances.read(client, id);
        VastInstances.recordState(ctx, before);
        if (before.actualStatus() == VastStatus.OFFLINE || before.actualStatus() == VastStatus.STOPPED) {
            throw VastInstances.notRunning(before);
        }
        try {
            client.reboot(id);
        } catch (ProviderException e) {
            throw new StepFailure("Vast refused to reboot instance " + id + ": " + e.getMessage(), e.retryable(), e);
        }
        ctx.progress("reboot requested for instance " + id + " (was " + before.describeStatus() + ")");
        return awaitRunning(ctx, client, id, params.pollInterval());
    }

    private static StepResult awaitRunning(StepContext ctx, VastClient client, long id, Duration poll)
            throws InterruptedException {
        boolean[] moved = {false};
        Wait.Result<VastInstance> wait = Wait.on(ctx).every(poll).until(look -> {
            VastInstance now = VastInstances.read(client, id);
            boolean settled = moved[0] || look.elapsed().compareTo(SETTLE) >= 0;
            if (now.actualStatus().transitional()) {
                moved[0] = true;
            } else if (settled && now.actualStatus() == VastStatus.RUNNING) {
                return Wait.done(now);
            } else if (settled) {
                VastInstances.recordState(ctx, now);
                throw VastInstances.notRunning(now);
            }
            return Wait.pending(now.describeStatus(), now);
        });
        if (wait.done()) {
            return StepResult.of("instance " + id + " running again after " + wait.took(), "actualStatus",
                    "running");
        }
        if (wait.lastSeen() != null) {
            VastInstances.recordState(ctx, wait.lastSeen());
        }
        throw wait.ending() == Wait.Ending.CANCELLED
                ? StepFailure.permanent("cancelled while instance " + id + " rebooted")
                : StepFailure.retryable("instance " + id + " is still " + wait.lastDetail() + " after " + wait.took()
                + "; check it in the Vast console, then rerun vast.status");
    }
}
