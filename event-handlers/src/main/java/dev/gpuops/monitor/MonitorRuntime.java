package dev.gpuops.monitor;

import dev.gpuops.monitor.probe.AsgProbe;
import dev.gpuops.monitor.probe.AsgWorkersProbe;
import dev.gpuops.monitor.probe.CheckCatalog;
import dev.gpuops.monitor.probe.HttpProbe;
import dev.gpuops.monitor.probe.LambdaStatusProbe;
import dev.gpuops.monitor.probe.Probe;
import dev.gpuops.monitor.probe.ProbeHosts;
import dev.gpuops.monitor.probe.QueuePollersProbe;
import dev.gpuops.monitor.probe.RunPodProbe;
import dev.gpuops.monitor.probe.SshCommandProbe;
import dev.gpuops.monitor.probe.SupervisorProbe;
import dev.gpuops.monitor.probe.VastStatusProbe;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.health.HealthProbe;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.runbook.action.MonitorView;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runstate.RunCheckpoint;
import dev.gpuops.runstate.RunStateStore;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor of one handlers replica, wired to Kafka: probes, state machines, incident book (rebuilt from the
 * compacted topic before the first probe), the group member that decides which targets this replica owns, and the
 * timer. {@link #start} blocks until the incident history is read.
 */
public final class MonitorRuntime implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorRuntime.class);
    private static final Duration PROBE_CALL_TIMEOUT = Duration.ofSeconds(30);
    static final Duration GROUP_WINDOW = Duration.ofMinutes(2);

    private final MonitorSettings settings;
    private final HealthMonitor monitor;
    private final KafkaMonitorSink sink;
    private final IncidentBook book = new IncidentBook();
    private final Clock clock;
    private IncidentReader reader;
    private TopicFollower mutes;
    private TopicFollower transitions;
    private RunStateStore runState;
    private MonitorConsumer consumer;
    private ScheduledExecutorService timer;
    private volatile boolean started;

    public MonitorRuntime(MonitorSettings settings, Targets targets, Services services, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        List<Probe> probes = probes(services, clock);
        CheckCatalog catalog = CheckCatalog.load(settings.checksDir(),
                Set.copyOf(probes.stream().map(Probe::key).toList()));
        List<ConfigProblem> problems = new ArrayList<>();
        targets.all().forEach(t -> catalog.unknownChecks(t).forEach(p -> problems.add(
                new ConfigProblem(targets.fileName(), targets.lineOf("targets." + t.name() + ".monitor.checks"),
                        "targets." + t.name() + ".monitor.checks", p))));
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        this.sink = KafkaMonitorSink.create(settings.bootstrapServers(), settings.kafkaClientProperties(),
                Duration.ofSeconds(15));
        this.monitor = new HealthMonitor(targets, new ProbeRunner(catalog, probes, clock),
                new IncidentDesk(book, settings.groupHold(), GROUP_WINDOW, 3), new Remediator(clock), sink,
                clock, settings.intervalOverride());
        services.register(MonitorView.class, this::view);
    }

    /** What {@code /gpu status} shows of the monitor: its view of the target, or that it does not run. */
    String view(String target) {
        return started ? monitor.view(target)
                : "off (GPUOPS_MONITOR=off, or not started yet: it starts once Kafka is reachable)";
    }

    /** Every probe the shipped checks name, over the clients registered in {@code services}. */
    public static List<Probe> probes(Services services, Clock clock) {
        SshConnector ssh = services.has(SshConnector.class) ? services.get(SshConnector.class) : new SshConnector();
        LambdaCloudClient lambda = optional(services, LambdaCloudClient.class);
        VastClient vast = optional(services, VastClient.class);
        ProbeHosts hosts = new ProbeHosts(lambda, vast);
        return List.of(new SupervisorProbe(ssh, hosts, PROBE_CALL_TIMEOUT),
                new HttpProbe(new HealthProbe(Sleeper.SYSTEM, clock), hosts, PROBE_CALL_TIMEOUT),
                new SshCommandProbe(ssh, hosts, PROBE_CALL_TIMEOUT),
                new QueuePollersProbe(ssh, hosts, PROBE_CALL_TIMEOUT),
                new LambdaStatusProbe(lambda), new VastStatusProbe(vast),
                new RunPodProbe(optional(services, RunPodClient.class), clock),
                new AsgProbe(optional(services, AwsFleetClient.class)),
                new AsgWorkersProbe(optional(services, AwsFleetClient.class), clock, PROBE_CALL_TIMEOUT));
    }

    private static <T> T optional(Services services, Class<T> type) {
        return services.has(type) ? services.get(type) : null;
    }

    public MonitorRuntime start() throws InterruptedException {
        MonitorTopics.ensure(settings.bootstrapServers(), settings.kafkaClientProperties());
        reader = new IncidentReader(settings.bootstrapServers(), settings.kafkaClientProperties(), book::apply)
                .start();
        if (!reader.awaitCaughtUp(Duration.ofSeconds(60))) {
            reader.close();
            reader = null;
            throw new IllegalStateException("the monitor could not read " + MonitorTopics.INCIDENTS_TOPIC
                    + " within 60s; is Kafka reachable?");
        }
        mutes = follow(MonitorTopics.MUTES_TOPIC, null, this::muted);
        transitions = follow(MonitorTopics.HEALTH_TOPIC, clock.instant().minus(GROUP_WINDOW)
                .minus(settings.groupHold()), this::heard);
        runState = new RunStateStore(settings.bootstrapServers(), settings.kafkaClientProperties(),
                Duration.ofSeconds(15));
        consumer = new MonitorConsumer(settings.bootstrapServers(), settings.kafkaClientProperties(),
                settings.clientId(), monitor).afterAssignment(this::rebuildRunsInFlight).start();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gpuops-monitor-timer")
                .daemon().factory());
        long tickMillis = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        started = true;
        LOG.info("health monitor started ({} open incidents known)", book.open().size());
        return this;
    }

    private TopicFollower follow(String topic, java.time.Instant from,
                                 java.util.function.Consumer<dev.gpuops.event.GpuopsEvent> sink)
            throws InterruptedException {
        TopicFollower follower = new TopicFollower(settings.bootstrapServers(), settings.kafkaClientProperties(),
                topic, from, record -> {
                    if (record.value() != null) {
                        sink.accept(dev.gpuops.event.EventJson.read(record.value()));
                    }
                }).start();
        if (!follower.awaitCaughtUp(Duration.ofSeconds(60))) {
            follower.close();
            throw new IllegalStateException("the monitor could not read " + topic + " within 60s; is Kafka reachable?");
        }
        return follower;
    }

    private void muted(dev.gpuops.event.GpuopsEvent event) {
        try {
            switch (event) {
                case dev.gpuops.event.TargetMuted muted -> monitor.mute(muted.target(), muted.until());
                case dev.gpuops.event.TargetUnmuted unmuted -> monitor.unmute(unmuted.target());
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.info("monitor ignores a mute of a target it does not know: {}", e.getMessage());
        }
    }

    private void heard(dev.gpuops.event.GpuopsEvent event) {
        if (event instanceof dev.gpuops.event.MonitorEvent transition) {
            monitor.heard(transition);
        }
    }

    /** Runs RUNNING on the durable run state, not updated for a day at most (older ones were abandoned). */
    private void rebuildRunsInFlight() {
        java.time.Instant stale = clock.instant().minus(Duration.ofDays(1));
        java.util.Map<String, Set<String>> byTarget = new java.util.HashMap<>();
        runState.reload().values().stream()
                .filter(c -> c.phase() == RunCheckpoint.Phase.RUNNING && c.updatedAt().isAfter(stale))
                .forEach(c -> byTarget.computeIfAbsent(c.target(), t -> new java.util.HashSet<>()).add(c.runId()));
        monitor.runsInFlight(byTarget);
        LOG.info("monitor: runs in flight on its targets after the assignment: {}", byTarget);
    }

    private void tick() {
        try {
            monitor.tick();
        } catch (RuntimeException e) {
            LOG.warn("monitor tick failed: {}", e.toString());
        }
    }

    public HealthMonitor monitor() {
        return monitor;
    }

    public MonitorSink sink() {
        return sink;
    }

    public Ownership ownership() {
        return consumer.ownership();
    }

    @Override
    public void close() {
        started = false;
        if (timer != null) {
            timer.shutdownNow();
        }
        if (consumer != null) {
            consumer.close();
        }
        if (reader != null) {
            reader.close();
        }
        for (AutoCloseable follower : java.util.Arrays.asList(mutes, transitions, runState)) {
            if (follower != null) {
                try {
                    follower.close();
                } catch (Exception e) {
                    LOG.debug("closing {}: {}", follower, e.toString());
                }
            }
        }
        monitor.close();
        sink.close();
    }
}
