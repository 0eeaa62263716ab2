package dev.gpuops.runbook.action.vast;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastInstance;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;
import java.time.Duration;

/** What the Vast actions share: which instance, reading it, and saying what a bad state means. */
final class VastInstances {

    private VastInstances() {
    }

    static long instanceId(Target target, Long override) {
        if (override != null) {
            return override;
        }
        if (target.vast() != null && target.vast().instanceId() != null) {
            return target.vast().instanceId();
        }
        throw StepFailure.permanent("target " + target.name() + " has no vast.instanceId in the targets file; add"
                + " the instance number from the Vast console, or pass instanceId: in the step");
    }

    static VastInstance read(VastClient client, long id) {
        try {
            return client.getInstance(id);
        } catch (ProviderException e) {
            throw new StepFailure("reading Vast instance " + id + " failed: " + e.getMessage(), e.retryable(), e);
        }
    }

    static void recordState(StepContext ctx, VastInstance instance) {
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "vast instance " + instance.id(),
                "actual_status=" + instance.actualStatusText() + " intended_status=" + instance.intendedStatus()
                        + " cur_state=" + instance.curState() + " status_msg=" + instance.statusMsg()
                        + " label=" + instance.label() + " gpu=" + instance.gpuName());
    }

    /** Why the instance cannot be used right now and what to do; retryable only when it will settle by itself. */
    static StepFailure notRunning(VastInstance instance) {
        String prefix = "Vast instance " + instance.id() + " is " + instance.describeStatus() + "; ";
        return switch (instance.actualStatus()) {
            case PROVISIONING, LOADING, REBOOTING -> StepFailure.retryable(prefix
                    + "it is still starting — wait and retry (vast.reboot waits for running)");
            case EXITED -> StepFailure.permanent(prefix + "the container exited. Check its logs, then restart it"
                    + " with vast.reboot (/gpu restart)");
            case OFFLINE -> StepFailure.permanent(prefix + "the host machine is offline. Only Vast or the host can"
                    + " bring it back: wait, or recreate the instance on another machine");
            case STOPPED -> StepFailure.permanent(prefix + "it was stopped. Start it from the Vast console (a"
                    + " stopped instance can lose its GPU to another renter)");
            case FROZEN -> StepFailure.permanent(prefix + "Vast froze it (usually an unpaid balance). Check billing"
                    + " in the Vast console");
            default -> StepFailure.permanent(prefix + "check the instance in the Vast console");
        };
    }

    static String format(Duration d) {
        long s = d.toSeconds();
        return s < 60 ? s + "s" : String.format("%dm%02ds", s / 60, s % 60);
    }
}
