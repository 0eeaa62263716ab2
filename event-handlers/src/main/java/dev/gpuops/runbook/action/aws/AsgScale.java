package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.GroupInstance;
import dev.gpuops.provider.aws.GroupState;
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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Sets the fleet ASG's desired capacity (and min/max when given), optionally waiting until that many instances are
 * InService and healthy. Lowering capacity terminates instances that may be running jobs.
 *
 * <p>Destructive: * Whether a call lowers capacity depends on the group's current size, which only AWS knows: stay on
 * the safe side and treat every scale as destructive; {@code desired: 0} certainly is.
 */
@RunbookAction(key = "aws.asg.scale", idempotent = true, destructive = true,
        description = "Set the Auto Scaling group's desired capacity (and bounds); optionally wait for InService")
public final class AsgScale implements Action<AsgScale.Params> {

    public record Params(
            @Param(value = "Desired number of instances", required = true)
            Integer desired,
            @Param("New minimum size; changes the group's bounds too")
            Integer min,
            @Param("New maximum size; changes the group's bounds too")
            Integer max,
            @Param(value = "Refuse while the group is in cooldown", defaultValue = "false")
            Boolean honorCooldown,
            @Param(value = "Wait until the desired number of instances is InService and healthy",
                    defaultValue = "false")
            Boolean waitInService,
            @Param(value = "How often to check while waiting", defaultValue = "15s")
            Duration pollInterval,
            @Param.Flatten AsgAddress asg) {

        public Params {
            asg = AsgAddress.orTarget(asg);
            if (desired == null || desired < 0) {
                throw new IllegalArgumentException("aws.asg.scale needs desired: 0 or more");
            }
            if (min != null && max != null && min > max) {
                throw new IllegalArgumentException("aws.asg.scale min (" + min + ") is above max (" + max + ")");
            }
            honorCooldown = honorCooldown != null && honorCooldown;
            waitInService = waitInService != null && waitInService;
            pollInterval = pollInterval == null ? Duration.ofSeconds(15) : pollInterval;
        }

        public static Params desired(int desired) {
            return new Params(desired, null, null, null, null, null, AsgAddress.TARGET);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        String group = params.asg().groupOf(ctx);
        AwsFleetClient aws = params.asg().clientOf(ctx);
        GroupState before = describe(aws, group);
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "asg " + group, state(before));
        try {
            if (params.min() != null || params.max() != null) {
                aws.updateGroup(group, params.min(), params.max(), params.desired());
            } else {
                aws.setDesiredCapacity(group, params.desired(), params.honorCooldown());
            }
        } catch (ProviderException.Permanent e) {
            throw StepFailure.permanent("cannot scale " + group + " to " + params.desired() + ": " + e.getMessage()
                    + (e.getMessage().contains("max value") || e.getMessage().contains("min value")
                    ? " — pass min:/max: to move the group's bounds" : ""));
        } catch (ProviderException e) {
            throw AwsSteps.failure("scaling " + group + " to " + params.desired(), e);
        }
        String change = group + " desired " + before.desiredCapacity() + " → " + params.desired()
                + (params.desired() < before.desiredCapacity() ? " (terminating "
                + (before.desiredCapacity() - params.desired()) + ")" : "");
        ctx.progress(change);
        GroupState after = params.waitInService() ? awaitSettled(ctx, aws, group, params) : describe(aws, group);
        return new StepResult(change + "; " + after.inServiceHealthy() + " InService", Map.of(
                "group", group,
                "previousDesired", Integer.toString(before.desiredCapacity()),
                "desired", Integer.toString(after.desiredCapacity()),
                "inService", Long.toString(after.inServiceHealthy())));
    }

    private GroupState awaitSettled(StepContext ctx, AwsFleetClient aws, String group, Params params)
            throws InterruptedException {
        Wait.Result<GroupState> wait = Wait.on(ctx).every(params.pollInterval()).until(look -> {
            GroupState state = describe(aws, group);
            return state.settled() ? Wait.done(state) : Wait.pending(line(state), state);
        });
        if (wait.done()) {
            return wait.value();
        }
        String line = wait.lastSeen() == null ? "an unknown size" : line(wait.lastSeen());
        boolean cancelled = wait.ending() == Wait.Ending.CANCELLED;
        throw new StepFailure(cancelled ? "cancelled while " + group + " was at " + line
                : group + " is still at " + line + " after " + wait.took() + ", at the step deadline; instances"
                + " may still be booting (check the launch template, AMI and user data if they never arrive)",
                !cancelled);
    }

    private static String line(GroupState state) {
        return state.inServiceHealthy() + "/" + state.desiredCapacity() + " InService (" + state(state) + ")";
    }

    private static GroupState describe(AwsFleetClient aws, String group) {
        try {
            return aws.describeGroup(group);
        } catch (ProviderException e) {
            throw AwsSteps.failure("reading Auto Scaling group " + group, e);
        }
    }

    static String state(GroupState group) {
        String instances = group.instances().stream()
                .collect(Collectors.groupingBy(GroupInstance::lifecycleState, java.util.TreeMap::new,
                        Collectors.counting()))
                .entrySet().stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", "));
        return "min " + group.minSize() + ", max " + group.maxSize() + ", desired " + group.desiredCapacity()
                + (instances.isEmpty() ? ", no instances" : ", " + instances);
    }
}
