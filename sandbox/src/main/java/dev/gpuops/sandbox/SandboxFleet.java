package dev.gpuops.sandbox;

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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every simulator the demo needs, modelled on the seed systems, started together on loopback:
 * {@code box-1} (an SSH host with supervisord), {@code image-server} (seed 000: Lambda VM running a container from a
 * private registry with a gated model), {@code sophia} (seed 003: RunPod serverless), {@code huihuang} (seeds
 * 001/002: Vast instance with supervisord), {@code comfy-fleet} (seed 004: AWS autoscaling fleet).
 * <p>
 * {@link #placeholders()} fills a targets template's {@code ${sandbox.…}} placeholders; {@link #fail(String, String)}
 * and {@link #heal(String)} inject faults by target name so a newcomer can watch failure handling.
 */
public final class SandboxFleet implements AutoCloseable {

    public static final String REGISTRY_USER = "gpuops-demo";
    public static final String REGISTRY_TOKEN = "sandbox-registry-token-4f1c2b9a7d3e";
    public static final String HF_TOKEN = "hf_sandboxDemoToken0000000000000000";
    /** sophia's release tag in the registry (seed 003's commit), besides {@code canary}. */
    public static final String SOPHIA_RELEASE = "v-85029c7";
    public static final String RUNPOD_KEY = "rpa_sandboxfleetdemokey0000000000";
    public static final String LAMBDA_KEY = "secret_sandbox_lambda_demo_key";
    public static final String VAST_KEY = "sandbox-vast-demo-key-0000";
    /** Seed 002's model files, present on the Vast box so its deploy checks pass until a fault removes them. */
    public static final List<String> MODEL_PATHS = List.of(
            "/workspace/packages/models/llm/qwen2.5-7b-instruct-q4_k_m.gguf",
            "/workspace/packages/models/whisper/ggml-large-v3.bin");

    private final Path dir;
    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, SandboxSshHost> hosts = new LinkedHashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();
    private SandboxRunPod runPod;
    private SandboxLambda lambda;
    private SandboxVast vast;
    private SandboxAws aws;
    private SandboxRegistry registry;
    private FleetFaults faults;
    private String keyLine;

    private SandboxFleet(Path dir, Options options) {
        this.dir = dir;
        this.options = options;
    }

    /**
     * How time passes in the fleet.
     *
     * @param clock           what the SSH hosts, Lambda, Vast and AWS simulators read
     * @param runPodTimeScale how much faster than the wall clock RunPod's simulated time runs
     * @param lambdaBoot      how long a launched Lambda VM boots (in {@code clock} time)
     * @param firstBoot       how long the image server's model download keeps /health failing
     * @param aws             how fast instances launch and instance refreshes progress
     */
    public record Options(Clock clock, double runPodTimeScale, Duration lambdaBoot, Duration firstBoot,
                          Timing aws) {

        /** Real time, short boots: what `./gpuops demo` uses. RunPod at 20x (a 7-minute init timeout is 21 s). */
        public static Options demo() {
            return new Options(Clock.systemUTC(), 20, Duration.ofSeconds(3), Duration.ofSeconds(2), Timing.demo());
        }

        /** Realistic durations on a clock that runs {@code speed} times faster, for tests of whole runbooks. */
        public static Options scaled(Clock clock, double speed) {
            return new Options(clock, speed, Duration.ofSeconds(90), Duration.ofSeconds(90),
                    Timing.of(Duration.ofSeconds(60), Duration.ofSeconds(30)));
        }
    }

    /** Starts every simulator in real time; keys and known_hosts are written under {@code dir}. */
    public static SandboxFleet start(Path dir) {
        return start(dir, Options.demo());
    }

    /** Starts every simulator with the given timing; keys and known_hosts are written under {@code dir}. */
    public static SandboxFleet start(Path dir, Options options) {
        SandboxFleet fleet = new SandboxFleet(dir, options);
        try {
            fleet.startAll();
            return fleet;
        } catch (RuntimeException | IOException e) {
            fleet.close();
            throw e instanceof RuntimeException r ? r : new UncheckedIOException((IOException) e);
        }
    }

    private void startAll() throws IOException {
        Files.createDirectories(dir);
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir.resolve("keys"));
        keyLine = keys.authorizedKeyLine();
        put("keys.private", keys.privateKey().toString());
        String registryToken = REGISTRY_TOKEN;
        registry = track(SandboxRegistry.start().seedDefaults().user(REGISTRY_USER, registryToken, true));
        seedImages();
        put("registry.host", registry.host());
        secrets.put(registryVariable(registry.host(), "USERNAME"), REGISTRY_USER);
        secrets.put(registryVariable(registry.host(), "TOKEN"), registryToken);
        secrets.put("HF_TOKEN", HF_TOKEN);
        // what docker.login on the VM uses (the runbooks' default credential names)
        secrets.put("REGISTRY_USERNAME", REGISTRY_USER);
        secrets.put("REGISTRY_PASSWORD", registryToken);

        startHost("box-1", SandboxSshHost.builder().authorizedKey(keys).clock(options.clock())
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("worker-cpu", true, "/var/log/worker.log")
                .program("worker-gpu", true, "/var/log/worker-gpu.log")
                .healthProgram("fastapi")
                .restartCommand("/opt/worker/restart.sh")
                .runtimeImages(tag -> pulled("acme/worker", tag)));
        startHost("image-server", SandboxSshHost.builder().authorizedKey(keys).clock(options.clock()).user("ubuntu")
                .privateRegistry(registry.host(), REGISTRY_USER, registryToken)
                .gatedModel(true).firstBootDelay(options.firstBoot()));
        SandboxSshHost.Builder vastBox = SandboxSshHost.builder().authorizedKey(keys).clock(options.clock())
                .user("root")
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("worker-cpu", false, "/var/log/worker.log")
                .program("worker-gpu", false, "/var/log/worker-gpu.log")
                .program("llama", true, "/var/log/llama.log")
                .healthProgram("fastapi")
                .restartCommand("/workspace/start_remote.sh --restart")
                .statusCommand("/workspace/start_remote.sh --status")
                .runtimeImages(tag -> pulled("huihuang/runtime", tag));
        MODEL_PATHS.forEach(path -> vastBox.file(path, "GGUF weights (sandbox)\n"));
        startHost("huihuang", vastBox);
        writeKnownHosts();

        startProviders();
    }

    /** What a runtime script's pull of {@code repository:tag} resolves to, as it would from the registry. */
    private Optional<String> pulled(String repository, String tag) {
        return registry.digest(repository, tag).map(digest -> registry.host() + "/" + repository + ":" + tag + "@"
                + digest);
    }

    private void startHost(String target, SandboxSshHost.Builder builder) {
        SandboxSshHost host = track(builder.start());
        hosts.put(target, host);
        put("ssh." + target + ".host", host.host());
        put("ssh." + target + ".port", String.valueOf(host.port()));
        put("ssh." + target + ".user", host.user());
        put("health." + target + ".url", host.healthUrl());
        put("health." + target + ".port", String.valueOf(host.healthPort()));
    }

    private void writeKnownHosts() throws IOException {
        Path knownHosts = dir.resolve("keys").resolve("known_hosts");
        StringBuilder lines = new StringBuilder();
        hosts.values().forEach(h -> lines.append(h.knownHostsLine()).append('\n'));
        Files.writeString(knownHosts, lines);
        put("keys.knownHosts", knownHosts.toString());
    }

    private void startProviders() {
        runPod = track(new SandboxRunPod(RUNPOD_KEY, new SimClock(options.runPodTimeScale()))
                .restartDelay(Duration.ofSeconds(30)));
        String image = registry.host() + "/kyl-solutions/sophia-runpod:v7";
        String template = runPod.createTemplate("sophia", image, Map.of());
        String runPodEndpoint = runPod.createEndpoint("sophia", template, 0, 2);
        put("runpod.endpointId", runPodEndpoint);
        put("runpod.templateId", template);

        SandboxSshHost imageServer = hosts.get("image-server");
        lambda = track(SandboxLambda.builder().apiKey(LAMBDA_KEY).clock(options.clock())
                .newInstanceIp(imageServer.host()).bootDelay(options.lambdaBoot()).start());
        lambda.addSshKey("intelligensi-lambda", keyLine);

        SandboxSshHost huihuang = hosts.get("huihuang");
        vast = track(SandboxVast.builder().apiKey(VAST_KEY).clock(options.clock()).start());
        long vastInstance = vast.addInstance(VastInstanceSeed.running("huihuang")
                .withProxySsh(huihuang.host(), huihuang.port()).withoutDirectSsh());
        put("vast.instanceId", String.valueOf(vastInstance));
        faults = new FleetFaults(this, runPodEndpoint, vastInstance);

        aws = track(SandboxAws.start(options.clock(), options.aws()).seedFleet("staging", "gpu-default"));
    }

    /** Private images of the seed systems, each with a distinct canary (sophia also has its release tag). */
    private void seedImages() {
        int n = 2;
        for (String repository : List.of("acme/worker", "huihuang/runtime", "kyl-solutions/sophia-runpod")) {
            registry.repository(repository, false);
            registry.manifest(repository, "canary", SampleManifests.DOCKER_V2, manifest(n++));
        }
        registry.manifest("kyl-solutions/sophia-runpod", SOPHIA_RELEASE, SampleManifests.DOCKER_V2, manifest(9));
    }

    /** A Docker v2 image manifest whose config digest is the digit {@code n} repeated: distinct per {@code n}. */
    public static byte[] manifest(int n) {
        return SampleManifests.dockerV2("sha256:" + String.valueOf(n).repeat(64), 5_000 + n)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    // ---- what the bot needs to point its clients here ----

    /** Values for {@code ${sandbox.…}} placeholders (ports, paths, ids); never secrets. */
    public Map<String, String> placeholders() {
        return Map.copyOf(values);
    }

    /** Secret values the demo's SecretSource serves (registry credentials by host, HF_TOKEN). */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    /** Replaces every {@code ${sandbox.…}} in {@code template}; an unknown placeholder is an error. */
    public String render(String template) {
        return FleetPlaceholders.render(template, values);
    }

    public SandboxRunPod runPod() {
        return runPod;
    }

    public SandboxLambda lambda() {
        return lambda;
    }

    public SandboxVast vast() {
        return vast;
    }

    public SandboxAws aws() {
        return aws;
    }

    public SandboxRegistry registry() {
        return registry;
    }

    public SandboxSshHost host(String target) {
        return hosts.get(target);
    }

    // ---- fault injection by target ----

    /** Injects {@code fault} into whatever simulates {@code target}; returns a line saying what was done. */
    public String fail(String target, String fault) {
        return faults.fail(target, fault);
    }

    public String heal(String target) {
        return faults.heal(target);
    }

    /** {@code 127.0.0.1:40123} + {@code TOKEN} → {@code 127_0_0_1_40123_TOKEN}, the registry credential convention. */
    static String registryVariable(String host, String suffix) {
        return host.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_" + suffix;
    }

    private void put(String key, String value) {
        values.put(key, value);
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
        started.clear();
    }
}
