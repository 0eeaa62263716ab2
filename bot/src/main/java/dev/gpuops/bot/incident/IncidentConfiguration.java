package dev.gpuops.bot.incident;

import com.slack.api.Slack;
import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.config.GpuopsProperties;
import dev.gpuops.monitor.MonitorRuntime;
import dev.gpuops.monitor.MonitorSettings;
import dev.gpuops.monitor.MonitorTopics;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.target.Durations;
import dev.gpuops.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The health monitor (handlers side) and the incident flow (Slack side). {@code GPUOPS_MONITOR=off} turns the
 * monitor off; {@code GPUOPS_MONITOR_INTERVAL} probes every target on one interval (the demo's short one);
 * {@code GPUOPS_MONITOR_GROUP_HOLD} (10s) is how long a failing target waits for others of its provider before its
 * own incident opens; {@code GPUOPS_INCIDENT_ONCALL} lists Slack users/groups invited to every incident channel;
 * {@code GPUOPS_INCIDENT_ARCHIVE_AFTER} (default never) archives an incident channel that long after the resolve.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentConfiguration {

    @Bean
    KafkaAdmin.NewTopics gpuopsMonitorTopics(GpuopsKafkaProperties properties) {
        int partitions = properties.topicPartitions();
        return new KafkaAdmin.NewTopics(TopicBuilder.name(MonitorTopics.HEALTH_TOPIC).partitions(partitions).build(),
                TopicBuilder.name(MonitorTopics.INCIDENTS_TOPIC).partitions(partitions).compact().build(),
                TopicBuilder.name(MonitorTopics.MUTES_TOPIC).partitions(partitions).compact().build(),
                TopicBuilder.name(KafkaIncidentPlaces.TOPIC).partitions(partitions).compact().build());
    }

    @Bean(destroyMethod = "close")
    MonitorRuntime monitorRuntime(GpuopsProperties properties, Environment env, Targets targets, Services services,
                                  @Value("${gpuops.monitor-interval:}") String interval,
                                  @Value("${gpuops.monitor-group-hold:10s}") String groupHold) {
        Path checks = runbooksDir(properties).resolve("checks");
        Duration override = interval.isBlank() ? null : Durations.parse(interval);
        MonitorSettings settings = new MonitorSettings(checks, env.getRequiredProperty(
                "spring.kafka.bootstrap-servers"), java.util.Map.of(), null, override, Durations.parse(groupHold), null);
        return new MonitorRuntime(settings, targets, services, Clock.systemUTC());
    }

    @Bean(destroyMethod = "close")
    MonitorSwitch monitorSwitch(MonitorRuntime runtime, @Value("${gpuops.monitor:on}") String enabled) {
        return new MonitorSwitch(runtime, !"off".equalsIgnoreCase(enabled.strip()));
    }

    @Bean
    IncidentCommands incidentCommands(MonitorRuntime runtime, Targets targets, Clock clock) {
        return new IncidentCommands(runtime.monitor().incidents(), runtime.sink(), targets, clock);
    }

    @Bean(destroyMethod = "close")
    KafkaIncidentPlaces incidentPlaces(Environment env) {
        return new KafkaIncidentPlaces(env.getRequiredProperty("spring.kafka.bootstrap-servers"), java.util.Map.of(),
                Duration.ofSeconds(15)).start();
    }

    @Bean
    IncidentSlack incidentSlack(Slack slack, @Value("${gpuops.slack.bot-token}") String botToken) {
        return new IncidentSlack(slack.methods(botToken), Sleeper.SYSTEM);
    }

    @Bean
    IncidentNotifier incidentNotifier(IncidentSlack calls, Targets targets, KafkaIncidentPlaces places,
                                      @Value("${gpuops.incident.oncall:}") String oncall) {
        List<String> defaults = Arrays.stream(oncall.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        return new IncidentNotifier(calls, new IncidentChannels(calls, targets, defaults), places);
    }

    @Bean(destroyMethod = "close")
    ArchiveTimer incidentArchiveTimer(KafkaIncidentPlaces places, IncidentSlack calls, Clock clock,
                                      GpuopsKafkaProperties kafka, KafkaListenerEndpointRegistry registry,
                                      @Value("${gpuops.incident.archive-after:never}") String after) {
        if ("never".equalsIgnoreCase(after.strip()) || after.isBlank()) {
            return new ArchiveTimer(null, null);
        }
        Duration delay;
        try {
            delay = Durations.parse(after.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GPUOPS_INCIDENT_ARCHIVE_AFTER=" + after + " is not a duration ("
                    + Durations.EXPECTED + ", or `never`); fix it and start again", e);
        }
        return new ArchiveTimer(new IncidentArchiver(places, calls, delay, clock,
                id -> handledHere(registry, id, kafka.topicPartitions())), IncidentArchiver.period(delay));
    }

    /** Whether this replica's incident listener is assigned the partition of that incident's key. */
    private static boolean handledHere(KafkaListenerEndpointRegistry registry, String incidentId, int partitions) {
        var container = registry.getListenerContainer("gpuops-incident-notifier");
        var assigned = container == null ? null : container.getAssignedPartitions();
        return assigned != null && assigned.contains(new org.apache.kafka.common.TopicPartition(
                MonitorTopics.INCIDENTS_TOPIC, dev.gpuops.monitor.Ownership.partitionOf(incidentId, partitions)));
    }

    /** Sweeps for channels due to be archived once the app is ready; does nothing when archiving is off. */
    public static final class ArchiveTimer implements AutoCloseable {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ArchiveTimer.class);
        private final IncidentArchiver archiver;
        private final Duration period;
        private java.util.concurrent.ScheduledExecutorService timer;

        ArchiveTimer(IncidentArchiver archiver, Duration period) {
            this.archiver = archiver;
            this.period = period;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            if (archiver == null) {
                return;
            }
            timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                    .name("gpuops-incident-archiver").daemon().factory());
            timer.scheduleWithFixedDelay(this::sweep, period.toMillis(), period.toMillis(),
                    java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        private void sweep() {
            try {
                archiver.sweep();
            } catch (RuntimeException e) {
                LOG.warn("incident archive sweep failed, retrying on the next: {}", e.toString());
            }
        }

        @Override
        public void close() {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
    }

    @Bean
    IncidentListener incidentListener(IncidentNotifier notifier) {
        return new IncidentListener(notifier);
    }

    /**
     * Starts the monitor once the app is up, unless GPUOPS_MONITOR=off. In the background, retrying while Kafka is
     * unreachable: the bot starts (and reports Kafka DOWN on its health endpoint) rather than dying.
     */
    public static final class MonitorSwitch implements AutoCloseable {

        private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(MonitorSwitch.class);
        private final MonitorRuntime runtime;
        private final boolean enabled;
        private volatile Thread starter;

        MonitorSwitch(MonitorRuntime runtime, boolean enabled) {
            this.runtime = runtime;
            this.enabled = enabled;
        }

        @EventListener(ApplicationReadyEvent.class)
        public void start() {
            if (!enabled) {
                LOG.info("health monitor off (GPUOPS_MONITOR=off)");
                return;
            }
            starter = Thread.ofVirtual().name("gpuops-monitor-start").start(this::startUntilUp);
        }

        private void startUntilUp() {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    runtime.start();
                    return;
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("health monitor not started, retrying in 10s: {}", e.getMessage());
                    try {
                        Thread.sleep(10_000);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }

        @Override
        public void close() {
            Thread thread = starter;
            if (thread != null) {
                thread.interrupt();
            }
        }
    }

    private static Path runbooksDir(GpuopsProperties properties) {
        Path configured = properties.runbooksPath();
        if (configured != null) {
            return configured;
        }
        for (Path candidate : List.of(Path.of("runbooks"), Path.of("..", "runbooks"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        return Path.of("runbooks");
    }
}
