package dev.gpuops.seeds;

import dev.gpuops.diagnosis.EngineFailureAnalyzer;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.provider.aws.AwsConfig;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaConfig;
import dev.gpuops.provider.registry.RegistryClient;
import dev.gpuops.provider.registry.RegistryConfig;
import dev.gpuops.provider.registry.RegistryCredentials;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastConfig;
import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.action.SecretSource;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.engine.RunControl;
import dev.gpuops.runbook.engine.RunRequest;
import dev.gpuops.runbook.engine.RunbookEngine;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seed systems wired the way the bot wires them: the shipped demo targets template rendered for the running
 * simulators, the shipped runbooks loaded with every built-in action, the real provider clients pointed at the
 * simulators, the diagnosis catalog as the engine's failure analyzer, and the real {@link RunbookEngine}.
 */
final class SeedWorld implements AutoCloseable {

    /** How much faster than the wall clock the runbooks' time runs. */
    static final long SPEED = 200;
    private static final Path RUNBOOKS = ShippedRunbooksTest.RUNBOOKS;
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{sandbox\\.([A-Za-z0-9_.-]+)}");

    final ScaledTime time = new ScaledTime(SPEED);
    final SeedSimulators sims;
    final Targets targets;
    final RunbookCatalog catalog;
    final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final SshConnector connector = new SshConnector(Duration.ofSeconds(5));
    private final AwsFleetClient aws;
    private final RunPodClient runPod;
    private final RunbookEngine engine;
    /** The clients the engine's actions use, for tests that build other consumers of them (the monitor). */
    final Services services;
    private final List<RunEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();

    SeedWorld(Path dir) throws IOException {
        sims = new SeedSimulators(dir, time);
        try {
            secrets.putAll(sims.secrets());
            Path targetsFile = dir.resolve("demo-targets.yaml");
            String template = Files.readString(ShippedRunbooksTest.TEMPLATE);
            Files.writeString(targetsFile, render(template, sims.placeholders()));
            targets = new TargetsLoader().load(targetsFile);
            List<Runbook> runbooks = ShippedRunbooksTest.loadShipped();
            catalog = RunbookCatalog.create(runbooks, targets);
            aws = new AwsFleetClient(AwsConfig.sandbox(sims.aws.baseUrl()).withSleeper(time)
                    .withInvocationPolls(20, Duration.ofMillis(20)));
            runPod = new RunPodClient(RunPodConfig.of(SeedSimulators.RUNPOD_KEY)
                    .withUrls(sims.runPod.apiUrl(), sims.runPod.graphqlUrl(), sims.runPod.restUrl()),
                    RetryPolicy.none());
            services = services();
            engine = new RunbookEngine(BuiltInActions.registry(), services, events::add,
                    EngineFailureAnalyzer.load(RUNBOOKS.resolve("patterns")), time, time);
        } catch (RuntimeException | IOException e) {
            close();
            throw e;
        }
    }

    static String render(String template, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("the demo template uses ${sandbox." + m.group(1)
                        + "}, which the simulators do not provide");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private Services services() {
        RegistryCredentials credentials = host -> host.equals(sims.registry.host())
                ? Optional.of(new RegistryCredentials.Credential(SeedSimulators.REGISTRY_USER,
                SeedSimulators.REGISTRY_TOKEN)) : Optional.empty();
        SecretSource secretSource = name -> Optional.ofNullable(secrets.get(name));
        return new Services()
                .register(SecretSource.class, secretSource)
                .register(SshConnector.class, connector)
                .register(RegistryClient.class,
                        new RegistryClient(RegistryConfig.defaults(credentials).withRetry(RetryPolicy.none())))
                .register(LambdaCloudClient.class, new LambdaCloudClient(
                        new LambdaConfig(SeedSimulators.LAMBDA_KEY).withApiUrl(sims.lambda.baseUrl()),
                        RetryPolicy.none()))
                .register(VastClient.class, new VastClient(
                        new VastConfig(SeedSimulators.VAST_KEY).withApiUrl(sims.vast.baseUrl()), RetryPolicy.none()))
                .register(RunPodClient.class, runPod)
                .register(AwsFleetClient.class, aws);
    }

    /** Every event published so far, for a test that acts while a run is in flight. */
    List<RunEvent> eventsSoFar() {
        return List.copyOf(events);
    }

    RunPodClient runPod() {
        return runPod;
    }

    /** Runs a shell line on the SSH host that plays {@code target}, as its login user. */
    ExecResult exec(String target, String command) {
        SandboxSshHost host = sims.host(target);
        SshEndpoint endpoint = SshEndpoint.of(host.host(), host.port(), host.user(),
                sims.privateKey.toString(), sims.knownHosts.toString());
        return connector.session(endpoint).exec(command);
    }

    Target target(String name) {
        return targets.find(name).orElseThrow();
    }

    /** {@code name} as a targets file edited by {@code edit} (applied to the rendered demo targets) defines it. */
    Target variant(String name, java.util.function.UnaryOperator<String> edit) {
        try {
            Path file = Files.createTempFile("targets-variant", ".yaml");
            try {
                String rendered = render(Files.readString(ShippedRunbooksTest.TEMPLATE), sims.placeholders());
                String edited = edit.apply(rendered);
                if (edited.equals(rendered)) {
                    throw new IllegalArgumentException("the edit changed nothing in the demo targets");
                }
                Files.writeString(file, edited);
                return new TargetsLoader().load(file).find(name).orElseThrow();
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Runs the runbook the catalog selects for {@code verb} on {@code target}, to its end, on this thread. */
    SeedRun run(String target, dev.gpuops.event.Verb verb, Map<String, String> inputs) {
        return run(target(target), verb, inputs, new RunControl());
    }

    /** Runs on the given target definition, under {@code control} (which a test may cancel from another thread). */
    SeedRun run(Target t, dev.gpuops.event.Verb verb, Map<String, String> inputs, RunControl control) {
        Runbook runbook = catalog.select(verb, t);
        String runId = "r-seed" + runs.incrementAndGet();
        int from = events.size();
        engine.run(new RunRequest(runId, t, verb, runbook, inputs,
                new Origin("slack", "C0GPUOPS01", "U0SEED", "seed-it", runId), null), control);
        return new SeedRun(runbook.name(), List.copyOf(events.subList(from, events.size())));
    }

    @Override
    public void close() {
        connector.close();
        if (aws != null) {
            aws.close();
        }
        sims.close();
    }
}
