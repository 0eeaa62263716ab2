package dev.gpuops.seeds;

import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import dev.gpuops.sandbox.registry.SampleManifests;
import dev.gpuops.sandbox.registry.SandboxRegistry;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import dev.gpuops.sandbox.vast.SandboxVast;
import dev.gpuops.sandbox.vast.VastInstanceSeed;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seed systems as simulators, on loopback, on one {@link ScaledTime}: box-1 (supervisord host), image-server
 * (seed 000's Lambda VM: private registry, gated model), sophia (seed 003's RunPod endpoint), huihuang (seeds 001/002's
 * Vast instance) and comfy-fleet (seed 004's AWS fleet), plus the image registry all of them pull from.
 * {@link #placeholders()} uses the names of the bot's SandboxFleet, so the shipped demo template renders here too.
 */
final class SeedSimulators implements AutoCloseable {

    static final String REGISTRY_USER = "gpuops-seed";
    static final String REGISTRY_TOKEN = "seed-registry-token-4f1c2b9a7d3e";
    static final String HF_TOKEN = "hf_SeedRunbooksItToken0000000000000";
    static final String RUNPOD_KEY = "rpa_seedrunbooksitkey000000000000";
    static final String LAMBDA_KEY = "secret_seed_lambda_key";
    static final String VAST_KEY = "seed-vast-key-0000";
    static final String SOPHIA_RELEASE = "v-85029c7";
    static final List<String> MODEL_PATHS = List.of(
            "/workspace/packages/models/llm/qwen2.5-7b-instruct-q4_k_m.gguf",
            "/workspace/packages/models/whisper/ggml-large-v3.bin");

    final ScaledTime time;
    final SandboxKeys.ClientKeyPair keys;
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
    private final List<AutoCloseable> started = new ArrayList<>();

    SeedSimulators(Path dir, ScaledTime time) throws IOException {
        this.time = time;
        keys = SandboxKeys.generate(dir.resolve("keys"));
        registry = track(SandboxRegistry.start().seedDefaults().user(REGISTRY_USER, REGISTRY_TOKEN, true));
        seedImages();
        box1 = track(SandboxSshHost.builder().authorizedKey(keys).clock(time)
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("worker-cpu", true, "/var/log/worker.log")
                .program("worker-gpu", true, "/var/log/worker-gpu.log")
                .healthProgram("fastapi").start());
        imageServer = track(SandboxSshHost.builder().authorizedKey(keys).clock(time).user("ubuntu")
                .privateRegistry(registry.host(), REGISTRY_USER, REGISTRY_TOKEN)
                .gatedModel(true).firstBootDelay(Duration.ofSeconds(90)).start());
        SandboxSshHost.Builder vastBox = SandboxSshHost.builder().authorizedKey(keys).clock(time).user("root")
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("llama", true, "/var/log/llama.log")
                .program("worker-cpu", false, "/var/log/worker.log")
                .program("worker-gpu", false, "/var/log/worker-gpu.log")
                .healthProgram("fastapi")
                .restartCommand("/workspace/start_remote.sh --restart")
                .statusCommand("/workspace/start_remote.sh --status");
        MODEL_PATHS.forEach(path -> vastBox.file(path, "GGUF weights (sandbox)\n"));
        huihuang = track(vastBox.start());
        knownHosts = dir.resolve("keys").resolve("known_hosts");
        Files.writeString(knownHosts, box1.knownHostsLine() + "\n" + imageServer.knownHostsLine() + "\n"
                + huihuang.knownHostsLine() + "\n");

        lambda = track(SandboxLambda.builder().apiKey(LAMBDA_KEY).clock(time).bootDelay(Duration.ofSeconds(90))
                .newInstanceIp(imageServer.host()).start());
        lambda.addSshKey("intelligensi-lambda", keys.authorizedKeyLine());
        vast = track(SandboxVast.builder().apiKey(VAST_KEY).clock(time).start());
        vastInstance = vast.addInstance(VastInstanceSeed.running("huihuang")
                .withProxySsh(huihuang.host(), huihuang.port()).withoutDirectSsh());
        runPod = track(new SandboxRunPod(RUNPOD_KEY, new SimClock(time.speed())).restartDelay(Duration.ofSeconds(30)));
        templateId = runPod.createTemplate("sophia", registry.host() + "/kyl-solutions/sophia-runpod:v7", Map.of());
        endpointId = runPod.createEndpoint("sophia", templateId, 0, 2);
        aws = track(SandboxAws.start(time, Timing.of(Duration.ofSeconds(60), Duration.ofSeconds(30)))
                .seedFleet("staging", "gpu-default"));
    }

    /** Values for the demo template's {@code ${sandbox.…}} placeholders, under SandboxFleet's names. */
    Map<String, String> placeholders() {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("keys.private", keys.privateKey().toString());
        values.put("keys.knownHosts", knownHosts.toString());
        values.put("registry.host", registry.host());
        Map.of("box-1", box1, "image-server", imageServer, "huihuang", huihuang).forEach((name, host) -> {
            values.put("ssh." + name + ".host", host.host());
            values.put("ssh." + name + ".port", String.valueOf(host.port()));
            values.put("ssh." + name + ".user", host.user());
            values.put("health." + name + ".url", host.healthUrl());
            values.put("health." + name + ".port", String.valueOf(host.healthPort()));
        });
        values.put("vast.instanceId", String.valueOf(vastInstance));
        values.put("runpod.endpointId", endpointId);
        values.put("runpod.templateId", templateId);
        return values;
    }

    /** What the bot's SecretSource serves in the demo. */
    Map<String, String> secrets() {
        return Map.of("HF_TOKEN", HF_TOKEN, "REGISTRY_USERNAME", REGISTRY_USER, "REGISTRY_PASSWORD", REGISTRY_TOKEN);
    }

    SandboxSshHost host(String target) {
        return switch (target) {
            case "box-1", "box-prod" -> box1;
            case "image-server" -> imageServer;
            case "huihuang" -> huihuang;
            default -> throw new IllegalArgumentException("no SSH host plays " + target);
        };
    }

    private void seedImages() {
        int n = 2;
        for (String repository : List.of("acme/worker", "huihuang/runtime", "kyl-solutions/sophia-runpod")) {
            registry.repository(repository, false);
            registry.manifest(repository, "canary", SampleManifests.DOCKER_V2, manifest(n++));
        }
        registry.manifest("kyl-solutions/sophia-runpod", SOPHIA_RELEASE, SampleManifests.DOCKER_V2, manifest(9));
    }

    /** A Docker v2 image manifest whose config digest is the digit {@code n} repeated: distinct per {@code n}. */
    static byte[] manifest(int n) {
        return SampleManifests.dockerV2("sha256:" + String.valueOf(n).repeat(64), 5_000 + n)
                .getBytes(StandardCharsets.UTF_8);
    }

    private <T extends AutoCloseable> T track(T closeable) {
        started.add(closeable);
        return closeable;
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // closing the rest matters more than one simulator's shutdown error
            }
        }
    }
}
