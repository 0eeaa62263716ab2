package dev.gpuops.sandbox.vast;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a simulated instance starts out. SSH fields are free so a seed can point at a sandbox SSH host
 * ({@code withProxySsh("127.0.0.1", port)}).
 *
 * @param ports        container port ("22/tcp") → host port, published only while the container runs
 * @param provisioning start with {@code actual_status} null, then loading, then running
 */
public record VastInstanceSeed(String label, String image, String gpuName, int numGpus, double dphTotal,
                               String sshHost, int sshPort, String publicIpaddr, Map<String, Integer> ports,
                               Map<String, String> extraEnv, boolean provisioning) {

    public VastInstanceSeed {
        ports = Map.copyOf(ports == null ? Map.of() : ports);
        extraEnv = Map.copyOf(extraEnv == null ? Map.of() : extraEnv);
    }

    /** A running RTX 4090 box reachable through Vast's proxy and directly, like the seed runbooks' instances. */
    public static VastInstanceSeed running(String label) {
        return new VastInstanceSeed(label, "ghcr.io/ggml-org/llama.cpp:server-cuda", "RTX 4090", 1, 0.35,
                "ssh4.vast.ai", 34567, "203.0.113.17", Map.of("22/tcp", 41575, "8000/tcp", 41576), Map.of(), false);
    }

    public VastInstanceSeed withProxySsh(String host, int port) {
        return new VastInstanceSeed(label, image, gpuName, numGpus, dphTotal, host, port, publicIpaddr, ports,
                extraEnv, provisioning);
    }

    public VastInstanceSeed withDirectSsh(String ip, int hostPort) {
        Map<String, Integer> newPorts = new LinkedHashMap<>(ports);
        newPorts.put("22/tcp", hostPort);
        return new VastInstanceSeed(label, image, gpuName, numGpus, dphTotal, sshHost, sshPort, ip, newPorts,
                extraEnv, provisioning);
    }

    /** No direct SSH: the machine has no open ports, so only the proxy works. */
    public VastInstanceSeed withoutDirectSsh() {
        Map<String, Integer> newPorts = new LinkedHashMap<>(ports);
        newPorts.remove("22/tcp");
        return new VastInstanceSeed(label, image, gpuName, numGpus, dphTotal, sshHost, sshPort, publicIpaddr,
                newPorts, extraEnv, provisioning);
    }

    public VastInstanceSeed withExtraEnv(Map<String, String> env) {
        return new VastInstanceSeed(label, image, gpuName, numGpus, dphTotal, sshHost, sshPort, publicIpaddr, ports,
                env, provisioning);
    }

    public VastInstanceSeed provisioning(boolean value) {
        return new VastInstanceSeed(label, image, gpuName, numGpus, dphTotal, sshHost, sshPort, publicIpaddr, ports,
                extraEnv, value);
    }
}
