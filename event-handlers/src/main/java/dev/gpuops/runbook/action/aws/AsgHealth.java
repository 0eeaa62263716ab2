package dev.gpuops.runbook.action.aws;

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
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code aws.asg.health}: the Auto Scaling group's instances as DescribeAutoScalingGroups reports them (lifecycle
 * state and health status, seed 004 "ASG + instance health"). Fails when an instance is {@code Unhealthy} or fewer
 * instances than desired are InService and healthy, so a diagnose run finds what the monitor's asg-capacity check
 * saw, in AWS's own words.
 */
@RunbookAction(key = "aws.asg.health", idempotent = true, destructive = false,
        description = "Read the Auto Scaling group's instances (lifecycle, health status); fail on Unhealthy or"
                + " missing capacity")
public final class AsgHealth implements Action<AsgHealth.Params> {

    public record Params(@Param.Flatten AsgAddress asg) {

        public Params {
            asg = AsgAddress.orTarget(asg);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String group = params.asg().groupOf(ctx);
        GroupState state;
        try {
            state = params.asg().clientOf(ctx).describeGroup(group);
        } catch (ProviderException e) {
            throw AwsSteps.failure("describe Auto Scaling group " + group, e);
        }
        ctx.evidence(Evidence.Kind.PROVIDER_STATE, "describe-auto-scaling-groups " + group, describe(state));
        List<String> unhealthy = state.instances().stream()
                .filter(i -> "Unhealthy".equalsIgnoreCase(i.healthStatus())).map(GroupInstance::instanceId).toList();
        String counts = state.inServiceHealthy() + "/" + state.desiredCapacity() + " instances InService and healthy";
        if (!unhealthy.isEmpty()) {
            throw StepFailure.permanent(group + ": HealthStatus Unhealthy on " + String.join(", ", unhealthy)
                    + " (" + counts + "); Auto Scaling replaces an unhealthy instance, or roll the group with an"
                    + " instance refresh");
        }
        if (state.inServiceHealthy() < state.desiredCapacity()) {
            throw StepFailure.permanent(group + ": " + counts + "; the group has not reached its desired capacity");
        }
        return new StepResult(group + ": " + counts, Map.of("inService", Long.toString(state.inServiceHealthy()),
                "desired", Integer.toString(state.desiredCapacity())));
    }

    /** One line per instance, as {@code aws autoscaling describe-auto-scaling-groups --output text} lists them. */
    static String describe(GroupState state) {
        return state.name() + ": desired " + state.desiredCapacity() + ", min " + state.minSize() + ", max "
                + state.maxSize() + "\n" + state.instances().stream()
                .map(i -> "INSTANCES " + i.instanceId() + " " + i.availabilityZone() + " " + i.instanceType()
                        + " LifecycleState=" + i.lifecycleState() + " HealthStatus=" + i.healthStatus())
                .collect(Collectors.joining("\n"));
    }
}
