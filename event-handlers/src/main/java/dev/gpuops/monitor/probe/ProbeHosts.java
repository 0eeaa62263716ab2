package dev.gpuops.monitor.probe;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaInstance;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastSshEndpoint;
import dev.gpuops.target.Target;

/**
 * Where a target's SSH and health URL are: its {@code ssh.host}, or for Lambda and Vast targets without one, the
 * address their provider reports now.
 */
public final class ProbeHosts {

    /** The address cannot be known right now (no instance, provider not configured); the probe is unknown. */
    public static final class Unresolved extends RuntimeException {
        Unresolved(String message) {
            super(message);
        }
    }

    private final LambdaCloudClient lambda;
    private final VastClient vast;

    /** Either client may be null when that provider is not configured. */
    public ProbeHosts(LambdaCloudClient lambda, VastClient vast) {
        this.lambda = lambda;
        this.vast = vast;
    }

    /**
     * The address a health path is appended to: {@code ssh.host}, else the Lambda instance's IP. Vast maps ports
     * per instance, so a Vast target needs a full {@code health.url}.
     */
    public String httpHost(Target target) {
        if (target.ssh() != null && target.ssh().host() != null && !target.ssh().host().isBlank()) {
            return target.ssh().host();
        }
        if ("lambda".equals(target.provider()) && lambda != null && target.lambda() != null) {
            return lambda.listInstances().stream()
                    .filter(i -> target.lambda().name().equals(i.name()) && i.reachable()).findFirst()
                    .map(LambdaInstance::ip)
                    .orElseThrow(() -> new Unresolved("no reachable Lambda instance named " + target.lambda().name()));
        }
        throw new Unresolved("target " + target.name() + " has health.path but no address to append it to; set"
                + " ssh.host or a full health.url");
    }

    public SshEndpoint ssh(Target target) {
        Target.Ssh ssh = target.ssh();
        if (ssh == null || ssh.user() == null || ssh.privateKey() == null) {
            throw new Unresolved("target " + target.name() + " has no ssh section with user and privateKey");
        }
        String knownHosts = ssh.knownHosts() == null ? "~/.ssh/known_hosts" : ssh.knownHosts();
        if (ssh.host() != null && !ssh.host().isBlank()) {
            return SshEndpoint.of(ssh.host(), ssh.portOrDefault(), ssh.user(), ssh.privateKey(), knownHosts);
        }
        if ("lambda".equals(target.provider()) && lambda != null && target.lambda() != null) {
            LambdaInstance instance = lambda.listInstances().stream()
                    .filter(i -> target.lambda().name().equals(i.name()) && i.reachable()).findFirst()
                    .orElseThrow(() -> new Unresolved("no reachable Lambda instance named " + target.lambda().name()));
            return SshEndpoint.of(instance.ip(), ssh.portOrDefault(), ssh.user(), ssh.privateKey(), knownHosts);
        }
        if ("vast".equals(target.provider()) && vast != null && target.vast() != null) {
            VastSshEndpoint proxy = vast.getInstance(target.vast().instanceId()).proxySsh()
                    .orElseThrow(() -> new Unresolved("Vast instance " + target.vast().instanceId()
                            + " has no SSH address yet"));
            return SshEndpoint.of(proxy.host(), proxy.port(), proxy.user(), ssh.privateKey(), knownHosts);
        }
        throw new Unresolved("target " + target.name() + " has no ssh.host and its provider cannot tell one");
    }
}
