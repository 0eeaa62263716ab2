package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.Verb;
import dev.gpuops.monitor.HealthMonitor;
import dev.gpuops.monitor.IncidentBook;
import dev.gpuops.monitor.IncidentDesk;
import dev.gpuops.monitor.MonitorRuntime;
import dev.gpuops.monitor.MonitorSink;
import dev.gpuops.monitor.ProbeRunner;
import dev.gpuops.monitor.Remediator;
import dev.gpuops.monitor.probe.CheckCatalog;
import dev.gpuops.monitor.probe.Probe;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LaunchRequest;
import dev.gpuops.provider.runpod.EndpointPatch;
import dev.gpuops.runbook.action.MonitorView;
import dev.gpuops.runbook.engine.RunControl;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sandbox fault a monitor can see, on the demo's targets (monitoring turned on): nothing while healthy; after
 * the fault, one incident naming the failing check, a {@code diagnose} run queued for it, and that run (the target's
 * shipped diagnose runbook, run by the real engine) naming the right failure pattern.
 */
@Timeout(120)
class MonitorFaultsIT {

    /** Its own world, not the shared one: faults and repairs here must not leak into the other seed ITs' state. */
    private static SeedWorld world;
    private static Path dir;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("gpuops-monitor-faults-");
        world = new SeedWorld(dir);
    }

    @AfterAll
    static void stop() throws IOException {
        if (world != null) {
            world.close();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static final String DEMO_OFF = "monitor: { enabled: false }   # not probed in the demo: nothing runs"
            + " there until a deploy";
    /** The demo's comfy-fleet declares aws.workers with a 10m grace; the test does not wait that long. */
    private static final String GRACE = "        grace: 10m";
    private static final String INIT = "      initTimeoutSeconds: 900";
    private static final String ON = "monitor: { failAfter: 2, recoverAfter: 1 }";
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    /**
     * @param check   the failing check the incident must name (a prefix: runpod-health/init-loop)
     * @param pattern the diagnosis of the target's diagnose run
     */
    record Case(String name, String target, UnaryOperator<String> edit, Consumer<SeedWorld> inject,
                Consumer<SeedWorld> heal, String check, String pattern) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> faults() {
        return Stream.of(
                new Case("ssh: supervisor FATAL (app-crash)", "box-1", t -> t,
                        w -> w.sims.box1.fail("app-crash"), MonitorFaultsIT::mendBox, "supervisor-programs",
                        "python-dependency-missing"),
                new Case("ssh: supervisord down", "box-1", t -> t,
                        w -> w.sims.box1.fail("supervisor-down"), MonitorFaultsIT::mendBox, "supervisor-programs",
                        "supervisord-unreachable"),
                new Case("ssh: task queue pollers missing (the demo's box-1 declares runtime.queues)", "box-1",
                        t -> t,
                        w -> w.sims.box1.fail("pollers-missing"), MonitorFaultsIT::mendBox, "queue-pollers",
                        "no-queue-pollers"),
                new Case("runpod: init loop", "sophia", t -> t.replace(INIT, INIT + "\n      stuckAfter: 1h"), w -> {
                    w.sims.runPod.fail(w.sims.endpointId, "init-timeout");
                    w.runPod().run(w.sims.endpointId, Map.of("prompt", "a song"));
                }, MonitorFaultsIT::mendRunPod, "runpod-health/init-loop", "runpod-init-timeout"),
                new Case("runpod: jobs stuck", "sophia", t -> t, w -> {
                    w.sims.runPod.fail(w.sims.endpointId, "jobs-stuck");
                    w.runPod().run(w.sims.endpointId, Map.of("prompt", "a song"));
                }, MonitorFaultsIT::mendRunPod, "runpod-health/jobs-stuck", "runpod-jobs-stuck"),
                new Case("runpod: credit burn (a warm worker that never gets ready, nothing queued)", "sophia",
                        t -> t.replace(INIT, "      initTimeoutSeconds: 7200"), w -> {
                            w.sims.runPod.fail(w.sims.endpointId, "init-timeout");
                            w.runPod().patchEndpoint(w.sims.endpointId, EndpointPatch.workers(1, 2));
                        }, MonitorFaultsIT::mendRunPod, "runpod-health/credit-burn", "runpod-credit-burn"),
                new Case("runpod: dead endpoint", "sophia", t -> t,
                        w -> w.sims.runPod.fail(w.sims.endpointId, "dead-endpoint"), MonitorFaultsIT::mendRunPod,
                        "runpod-health/dead-endpoint", "runpod-dead-endpoint"),
                new Case("lambda: instance unhealthy", "image-server", MonitorFaultsIT::lambdaStatusOnly,
                        MonitorFaultsIT::lambdaUnhealthy, MonitorFaultsIT::terminateLambda, "lambda-status",
                        "lambda-instance-unhealthy"),
                new Case("vast: instance offline", "huihuang", MonitorFaultsIT::vastStatusOnly,
                        w -> w.sims.vast.fail(w.sims.vastInstance, "offline"),
                        w -> w.sims.vast.heal(w.sims.vastInstance), "vast-status", "provider-host-offline"),
                new Case("aws-asg: instance unhealthy", "comfy-fleet", t -> t,
                        w -> w.sims.aws.fail("asg-staging-gpu-default", "instance-unhealthy"),
                        w -> w.sims.aws.heal(), "asg-capacity", "asg-instance-unhealthy"),
                new Case("aws-asg: workers not registering", "comfy-fleet",
                        t -> t.replace(GRACE, "        grace: 0s"),
                        w -> w.sims.aws.fail("workers-not-registering"), w -> w.sims.aws.heal(), "asg-workers",
                        "worker-not-registering"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("faults")
    void aFaultTheMonitorCanSeeOpensTheRightIncident(Case fault) throws Exception {
        Target target = world.variant(fault.target(), t -> fault.edit().apply(
                t.replace(DEMO_OFF, ON)));
        List<MonitorEvent> published = new CopyOnWriteArrayList<>();
        List<CommandReceived> commands = new CopyOnWriteArrayList<>();
        List<Probe> probes = MonitorRuntime.probes(world.services, world.time);
        CheckCatalog checks = CheckCatalog.load(ShippedRunbooksTest.RUNBOOKS.resolve("checks"),
                Set.copyOf(probes.stream().map(Probe::key).toList()));
        MonitorSink sink = new MonitorSink() {
            @Override
            public void publish(MonitorEvent event) {
                published.add(event);
            }

            @Override
            public void command(CommandReceived command) {
                commands.add(command);
            }
        };
        try (HealthMonitor monitor = new HealthMonitor(Targets.of(target), new ProbeRunner(checks, probes,
                world.time), new IncidentDesk(new IncidentBook(), Duration.ZERO, Duration.ofMinutes(2), 3),
                new Remediator(world.time), sink, world.time, null)) {
            // as MonitorRuntime does in the bot: the diagnose run reads what the monitor saw
            world.services.register(MonitorView.class, monitor::view);
            if (fault.target().equals("image-server")) {
                launchLambda(world);
            }
            for (int i = 0; i < 3; i++) {
                probeOnce(monitor, target);
            }
            assertThat(monitor.view(target.name())).as("healthy before the fault").startsWith("healthy");
            assertThat(published).isEmpty();

            fault.inject().accept(world);
            IncidentOpened opened = awaitIncident(monitor, target, published);
            assertThat(opened.incident().target()).isEqualTo(target.name());
            assertThat(opened.incident().failing()).extracting(CheckResult::check)
                    .anyMatch(c -> c.startsWith(fault.check()));
            assertThat(published).filteredOn(HealthCheckFailed.class::isInstance).hasSize(1);
            assertThat(published).filteredOn(IncidentOpened.class::isInstance).hasSize(1);
            assertThat(commands).extracting(CommandReceived::verb).first().isEqualTo(Verb.DIAGNOSE);

            SeedRun diagnose = world.run(target, Verb.DIAGNOSE, Map.of(), new RunControl());
            assertThat(diagnose.diagnosis().map(FailureDiagnosed::patternId)).as(diagnose.toString())
                    .contains(fault.pattern());
        } finally {
            world.services.register(MonitorView.class, t -> "not running in this process");
            fault.heal().accept(world);
        }
    }

    /** Waits until the monitor has probed the target once more (a probe is due every 30 s of scaled time). */
    private static void probeOnce(HealthMonitor monitor, Target target) throws InterruptedException {
        String before = monitor.view(target.name());
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            monitor.tickAndWait();
            if (!monitor.view(target.name()).equals(before)) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private static IncidentOpened awaitIncident(HealthMonitor monitor, Target target, List<MonitorEvent> published)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(DEADLINE);
        while (Instant.now().isBefore(deadline)) {
            monitor.tickAndWait();
            for (MonitorEvent event : published) {
                if (event instanceof IncidentOpened opened) {
                    return opened;
                }
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no incident for " + target.name() + "; monitor: " + monitor.view(target.name())
                + "; published: " + published);
    }

    private static String lambdaStatusOnly(String targets) {
        return targets.replace("    provider: lambda\n    " + ON, "    provider: lambda\n    monitor: { failAfter: 2,"
                + " recoverAfter: 1, checks: [lambda-status] }");
    }

    private static String vastStatusOnly(String targets) {
        return targets.replace("    provider: vast\n    " + ON, "    provider: vast\n    monitor: { failAfter: 2,"
                + " recoverAfter: 1, checks: [vast-status] }");
    }

    private static void launchLambda(SeedWorld world) throws InterruptedException {
        LambdaCloudClient lambda = world.services.get(LambdaCloudClient.class);
        lambda.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "intelligensi-lambda", "image-server-v2"));
        Instant deadline = Instant.now().plus(DEADLINE);
        while (lambda.listInstances().stream().noneMatch(i -> "image-server-v2".equals(i.name())
                && i.status() == dev.gpuops.provider.lambda.LambdaInstanceStatus.ACTIVE)
                && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
    }

    private static void lambdaUnhealthy(SeedWorld world) {
        world.services.get(LambdaCloudClient.class).listInstances().stream()
                .filter(i -> "image-server-v2".equals(i.name())).forEach(i -> world.sims.lambda.markUnhealthy(i.id()));
    }

    private static void terminateLambda(SeedWorld world) {
        LambdaCloudClient lambda = world.services.get(LambdaCloudClient.class);
        List<String> ids = lambda.listInstances().stream().filter(i -> "image-server-v2".equals(i.name()))
                .map(i -> i.id()).toList();
        if (!ids.isEmpty()) {
            lambda.terminate(ids);
        }
    }

    private static void mendBox(SeedWorld world) {
        world.sims.box1.heal();
        world.exec("box-1", "/opt/worker/restart.sh");
    }

    private static void mendRunPod(SeedWorld world) {
        world.sims.runPod.heal(world.sims.endpointId);
        world.runPod().patchEndpoint(world.sims.endpointId, EndpointPatch.workers(0, 2));
        world.runPod().purgeQueue(world.sims.endpointId);
    }
}
