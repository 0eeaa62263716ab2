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

    private final MonitorSettings settings;
    private final HealthMonitor monitor;
    private final KafkaMonitorSink sink;
    private final IncidentBook book = new IncidentBook();
    private IncidentReader reader;
    private MonitorConsumer consumer;
    private ScheduledExecutorService timer;
    private volatile boolean started;

    public MonitorRuntime(MonitorSettings settings, Targets targets, Services services, Clock clock) {
        this.settings = settings;
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
                new IncidentDesk(book, settings.groupHold(), Duration.ofMinutes(2), 3), new Remediator(clock), sink,
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
        consumer = new MonitorConsumer(settings.bootstrapServers(), settings.kafkaClientProperties(),
                settings.clientId(), monitor).start();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gpuops-monitor-timer")
                .daemon().factory());
        long tickMillis = settings.tick().toMillis();
        timer.scheduleWithFixedDelay(this::tick, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        started = true;
        LOG.info("health monitor started ({} open incidents known)", book.open().size());
        return this;
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
        monitor.close();
        sink.close();
    }
}
