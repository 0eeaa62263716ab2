package dev.gpuops.provider.aws;

import dev.gpuops.provider.support.ProviderException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.services.autoscaling.AutoScalingClient;
import software.amazon.awssdk.services.ssm.SsmClient;

/**
 * The GPU fleet's AWS side (seed 004): Auto Scaling group capacity and instance refreshes, SSM parameters and Run
 * Command. Built on the AWS SDK v2 with the URL-connection HTTP client. Every failure is a {@link ProviderException}
 * with provider {@code aws}; only idempotent calls are retried. Parameter values never appear in messages or logs.
 *
 * <p>One instance serves one region; {@link #inRegion(String)} hands out (and caches) siblings for targets that
 * name another region. Close the root instance to close them all.
 */
public final class AwsFleetClient implements AutoCloseable {

    public static final int DEFAULT_MIN_HEALTHY_PERCENTAGE = 90;
    public static final Duration DEFAULT_INSTANCE_WARMUP = Duration.ofSeconds(300);

    private final AwsConfig config;
    private final SdkHttpClient http;
    private final AutoScalingClient autoScalingSdk;
    private final SsmClient ssmSdk;
    private final AutoScalingCalls autoScaling;
    private final SsmCalls ssm;
    private final Map<String, AwsFleetClient> regions;

    public AwsFleetClient(AwsConfig config) {
        this(config, new ConcurrentHashMap<>());
    }

    private AwsFleetClient(AwsConfig config, Map<String, AwsFleetClient> regions) {
        this.config = Objects.requireNonNull(config, "config");
        this.http = SdkClients.http(config);
        this.autoScalingSdk = SdkClients.autoScaling(config, http);
        this.ssmSdk = SdkClients.ssm(config, http);
        this.autoScaling = new AutoScalingCalls(autoScalingSdk, config.retry(), config.region());
        this.ssm = new SsmCalls(ssmSdk, config);
        this.regions = regions;
    }

    public AwsConfig config() {
        return config;
    }

    /** This client when {@code region} is blank or already ours, else a cached client for that region. */
    public AwsFleetClient inRegion(String region) {
        if (region == null || region.isBlank() || region.equals(config.region())) {
            return this;
        }
        return regions.computeIfAbsent(region, r -> new AwsFleetClient(config.withRegion(r), regions));
    }

    // ---- Auto Scaling ----

    public void setDesiredCapacity(String group, int desired, boolean honorCooldown) {
        autoScaling.setDesiredCapacity(group, desired, honorCooldown);
    }

    /** Changes any of min, max and desired; null leaves that one as it is. */
    public void updateGroup(String group, Integer min, Integer max, Integer desired) {
        autoScaling.updateGroup(group, min, max, desired);
    }

    /** The group with its instances; {@link ProviderException.NotFound} when it does not exist. */
    public GroupState describeGroup(String group) {
        return autoScaling.describeGroup(group);
    }

    /** Starts a rolling refresh with seed 004's preferences (90% healthy, 300 s warm-up); returns its id. */
    public String startInstanceRefresh(String group) {
        return startInstanceRefresh(group, DEFAULT_MIN_HEALTHY_PERCENTAGE, DEFAULT_INSTANCE_WARMUP);
    }

    /**
     * Starts a rolling refresh; returns its id. Fails with {@link ProviderException.Permanent} when one is already
     * running (AWS {@code InstanceRefreshInProgress}).
     */
    public String startInstanceRefresh(String group, int minHealthyPercentage, Duration instanceWarmup) {
        return autoScaling.startInstanceRefresh(group, minHealthyPercentage, instanceWarmup);
    }

    /** Recent refreshes of the group, most recent first; {@code id} narrows to one (null: all recent). */
    public List<InstanceRefresh> describeInstanceRefreshes(String group, String id) {
        return autoScaling.describeInstanceRefreshes(group, id);
    }

    /** One refresh by id; {@link ProviderException.NotFound} when AWS does not know it. */
    public InstanceRefresh instanceRefresh(String group, String id) {
        Objects.requireNonNull(id, "id");
        return describeInstanceRefreshes(group, id).stream().findFirst()
                .orElseThrow(() -> new ProviderException.NotFound(AwsErrors.PROVIDER, 200, null,
                        "instance refresh " + id + " not found on " + group));
    }

    /** Cancels the group's running refresh; returns its id. */
    public String cancelInstanceRefresh(String group) {
        return autoScaling.cancelInstanceRefresh(group);
    }

    // ---- SSM ----

    public Parameter getParameter(String name, boolean decrypt) {
        return ssm.getParameter(name, decrypt);
    }

    /** Writes a parameter and returns its new version; without {@code overwrite} an existing one is an error. */
    public long putParameter(String name, String value, ParameterType type, boolean overwrite) {
        return ssm.putParameter(name, value, type, overwrite);
    }

    /** Runs shell commands with {@code AWS-RunShellScript}; returns the command id. Never retried. */
    public String sendCommand(List<String> instanceIds, List<String> commands, Duration timeout) {
        return ssm.sendCommand(instanceIds, commands, timeout);
    }

    /** One instance's invocation, riding out the brief {@code InvocationDoesNotExist} window after sending. */
    public CommandInvocation getCommandInvocation(String commandId, String instanceId) {
        return ssm.getCommandInvocation(commandId, instanceId);
    }

    /**
     * Polls until the invocation reaches a final status; {@link ProviderException.Transient} after timeout. For
     * callers outside a runbook step (the health monitor's asg-workers probe); steps wait through {@code Wait}.
     */
    public CommandInvocation awaitCommand(String commandId, String instanceId, Duration pollInterval,
                                          Duration timeout) {
        return ssm.awaitCommand(commandId, instanceId, pollInterval, timeout);
    }

    @Override
    public void close() {
        for (AwsFleetClient sibling : regions.values()) {
            if (sibling != this) {
                sibling.closeOwn();
            }
        }
        closeOwn();
    }

    private void closeOwn() {
        autoScalingSdk.close();
        ssmSdk.close();
        http.close();
    }

    @Override
    public String toString() {
        return "AwsFleetClient[" + config + "]";
    }
}
