package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.StepContext;

/**
 * The Auto Scaling group a step works on, shared by the aws.asg.* actions' params. Embedded with
 * {@link Param.Flatten}, so a runbook still writes {@code group}/{@code region} flat under {@code with:}; each part
 * left out falls back to the target's {@code aws} section.
 */
public record AsgAddress(
        @Param("Auto Scaling group; defaults to aws.autoScalingGroup of the target")
        String group,
        @Param("AWS region; defaults to aws.region of the target")
        String region) {

    /** Nothing given: the group and region of the target's {@code aws} section. */
    public static final AsgAddress TARGET = new AsgAddress(null, null);

    /** A missing address (a params record built in code) means the target's own. */
    public static AsgAddress orTarget(AsgAddress address) {
        return address == null ? TARGET : address;
    }

    /** The group's name: the one given, else the target's. */
    String groupOf(StepContext ctx) {
        return AwsSteps.group(ctx, group);
    }

    /** The AWS client in the given region, else the target's. */
    AwsFleetClient clientOf(StepContext ctx) {
        return AwsSteps.client(ctx, region);
    }
}
