package dev.gpuops.provider.aws;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.Instance;
import software.amazon.awssdk.services.autoscaling.model.RefreshStrategy;

/** Auto Scaling calls in SDK terms, translated to our records. */
final class AutoScalingCalls {

    private final AutoScalingClient sdk;
    private final RetryPolicy retry;
    private final String region;

    AutoScalingCalls(AutoScalingClient sdk, RetryPolicy retry, String region) {
        this.sdk = sdk;
        this.retry = retry;
        this.region = region;
    }

    void setDesiredCapacity(String group, int desired, boolean honorCooldown) {
        // setting an absolute number is idempotent, so throttling and busy-group failures may be retried
        retry.run(true, () -> AwsErrors.call("SetDesiredCapacity " + group + " to " + desired,
                () -> sdk.setDesiredCapacity(r -> r.autoScalingGroupName(group)
                        .desiredCapacity(desired).honorCooldown(honorCooldown))));
    }

    void updateGroup(String group, Integer min, Integer max, Integer desired) {
        retry.run(true, () -> AwsErrors.call("UpdateAutoScalingGroup " + group,
                () -> sdk.updateAutoScalingGroup(r -> r.autoScalingGroupName(group)
                        .minSize(min).maxSize(max).desiredCapacity(desired))));
    }

    GroupState describeGroup(String group) {
        List<AutoScalingGroup> groups = retry.run(true, () -> AwsErrors.call("DescribeAutoScalingGroups " + group,
                () -> sdk.describeAutoScalingGroups(r -> r.autoScalingGroupNames(group)).autoScalingGroups()));
        AutoScalingGroup found = groups.stream()
                .filter(g -> group.equals(g.autoScalingGroupName()))
                .findFirst()
                .orElseThrow(() -> new ProviderException.NotFound(AwsErrors.PROVIDER, 200, null,
                        "Auto Scaling group " + group + " not found in " + regionName()
                                + "; check aws.autoScalingGroup and aws.region on the target"));
        List<GroupInstance> instances = found.instances().stream().map(AutoScalingCalls::instance).toList();
        return new GroupState(found.autoScalingGroupName(), found.minSize(), found.maxSize(),
                found.desiredCapacity(), instances);
    }

    String startInstanceRefresh(String group, int minHealthyPercentage, Duration instanceWarmup) {
        // not retried: a retried start after a lost response would fail with InstanceRefreshInProgress
        return AwsErrors.call("StartInstanceRefresh " + group,
                () -> sdk.startInstanceRefresh(r -> r.autoScalingGroupName(group)
                        .strategy(RefreshStrategy.ROLLING)
                        .preferences(p -> p.minHealthyPercentage(minHealthyPercentage)
                                .instanceWarmup((int) instanceWarmup.toSeconds())))
                        .instanceRefreshId());
    }

    /** Most recent first, as AWS returns them; {@code id} null means all recent refreshes of the group. */
    List<InstanceRefresh> describeInstanceRefreshes(String group, String id) {
        var refreshes = retry.run(true, () -> AwsErrors.call("DescribeInstanceRefreshes " + group,
                () -> sdk.describeInstanceRefreshes(r -> {
                    r.autoScalingGroupName(group);
                    if (id != null) {
                        r.instanceRefreshIds(id);
                    }
                }).instanceRefreshes()));
        return refreshes.stream()
                .map(AutoScalingCalls::refresh)
                .sorted(Comparator.comparing(InstanceRefresh::startTime,
                        Comparator.nullsFirst(Comparator.<java.time.Instant>naturalOrder())).reversed())
                .toList();
    }

    String cancelInstanceRefresh(String group) {
        return retry.run(true, () -> AwsErrors.call("CancelInstanceRefresh " + group,
                () -> sdk.cancelInstanceRefresh(r -> r.autoScalingGroupName(group)).instanceRefreshId()));
    }

    private String regionName() {
        return region == null ? "the default region" : region;
    }

    private static GroupInstance instance(Instance i) {
        return new GroupInstance(i.instanceId(), i.instanceType(), i.availabilityZone(), i.lifecycleStateAsString(),
                i.healthStatus());
    }

    private static InstanceRefresh refresh(software.amazon.awssdk.services.autoscaling.model.InstanceRefresh r) {
        return new InstanceRefresh(r.instanceRefreshId(), r.autoScalingGroupName(),
                RefreshStatus.parse(r.statusAsString()), r.statusAsString(), r.percentageComplete(),
                r.instancesToUpdate(), r.statusReason(), r.startTime(), r.endTime());
    }
}
