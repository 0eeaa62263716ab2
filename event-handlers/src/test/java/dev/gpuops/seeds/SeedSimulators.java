package dev.gpuops.seeds;

import dev.gpuops.sandbox.SandboxFleet;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import dev.gpuops.sandbox.registry.SandboxRegistry;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import dev.gpuops.sandbox.vast.SandboxVast;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The seed systems as simulators — the very {@link SandboxFleet} `./gpuops demo` runs — on one {@link ScaledTime}
 * with realistic boot and refresh durations: box-1 (supervisord host), image-server (seed 000's Lambda VM: private
 * registry, gated model), sophia (seed 003's RunPod endpoint), huihuang (seeds 001/002's Vast instance) and
 * comfy-fleet (seed 004's AWS fleet), plus the image registry all of them pull from.
 */
final class SeedSimulators implements AutoCloseable {

    static final String REGISTRY_USER = SandboxFleet.REGISTRY_USER;
    static final String REGISTRY_TOKEN = SandboxFleet.REGISTRY_TOKEN;
    static final String HF_TOKEN = SandboxFleet.HF_TOKEN;
    static final String RUNPOD_KEY = SandboxFleet.RUNPOD_KEY;
    static final String LAMBDA_KEY = SandboxFleet.LAMBDA_KEY;
    static final String VAST_KEY = SandboxFleet.VAST_KEY;
    static final String SOPHIA_RELEASE = SandboxFleet.SOPHIA_RELEASE;
    static final List<String> MODEL_PATHS = SandboxFleet.MODEL_PATHS;

    final ScaledTime time;
    final Path privateKey;
    final Path knownHosts;
    final SandboxRegistry registry;
    final SandboxSshHost box1;
    final SandboxSshHost imageServer;
    final SandboxSshHost huihuang;
    final SandboxLambda lambda;
    final SandboxVast vast;
    final long vastInstance;
    final SandboxRunPod runPod;
    final String templateId;
    final String endpointId;
    final SandboxAws aws;
    private final SandboxFleet fleet;

    SeedSimulators(Path dir, ScaledTime time) {
        this.time = time;
        fleet = SandboxFleet.start(dir, SandboxFleet.Options.scaled(time, time.speed()));
        Map<String, String> values = fleet.placeholders();
        privateKey = Path.of(values.get("keys.private"));
        knownHosts = Path.of(values.get("keys.knownHosts"));
        registry = fleet.registry();
        box1 = fleet.host("box-1");
        imageServer = fleet.host("image-server");
        huihuang = fleet.host("huihuang");
        lambda = fleet.lambda();
        vast = fleet.vast();
        vastInstance = Long.parseLong(values.get("vast.instanceId"));
        runPod = fleet.runPod();
        templateId = values.get("runpod.templateId");
        endpointId = values.get("runpod.endpointId");
        aws = fleet.aws();
    }

    /** Values for the demo template's {@code ${sandbox.…}} placeholders. */
    Map<String, String> placeholders() {
        return fleet.placeholders();
    }

    /** What the bot's SecretSource serves in the demo. */
    Map<String, String> secrets() {
        return fleet.secrets();
    }

    SandboxSshHost host(String target) {
        return switch (target) {
            case "box-1", "box-prod" -> box1;
            case "image-server" -> imageServer;
            case "huihuang" -> huihuang;
            default -> throw new IllegalArgumentException("no SSH host plays " + target);
        };
    }

    /** A Docker v2 image manifest whose config digest is the digit {@code n} repeated: distinct per {@code n}. */
    static byte[] manifest(int n) {
        return SandboxFleet.manifest(n);
    }

    @Override
    public void close() {
        fleet.close();
    }
}
