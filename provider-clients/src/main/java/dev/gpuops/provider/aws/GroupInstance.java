package dev.gpuops.provider.aws;

/**
 * One instance of an Auto Scaling group.
 *
 * @param lifecycleState {@code Pending}, {@code InService}, {@code Terminating}, … as AWS spells it
 * @param healthStatus   {@code Healthy} or {@code Unhealthy}
 */
public record GroupInstance(String instanceId, String instanceType, String availabilityZone, String lifecycleState,
                            String healthStatus) {

    public boolean inServiceHealthy() {
        return "InService".equals(lifecycleState) && "Healthy".equalsIgnoreCase(healthStatus);
    }
}
