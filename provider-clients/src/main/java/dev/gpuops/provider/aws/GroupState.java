package dev.gpuops.provider.aws;

import java.util.List;

/** An Auto Scaling group as {@code DescribeAutoScalingGroups} reports it. */
public record GroupState(String name, int minSize, int maxSize, int desiredCapacity, List<GroupInstance> instances) {

    public GroupState {
        instances = instances == null ? List.of() : List.copyOf(instances);
    }

    /** Instances that are {@code InService} and {@code Healthy}. */
    public long inServiceHealthy() {
        return instances.stream().filter(GroupInstance::inServiceHealthy).count();
    }

    /** True once the group has exactly the desired number of in-service, healthy instances and nothing in flight. */
    public boolean settled() {
        return inServiceHealthy() == desiredCapacity && instances.size() == desiredCapacity;
    }
}
