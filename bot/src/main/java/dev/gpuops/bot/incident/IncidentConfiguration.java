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
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The health monitor (handlers side) and the incident flow (Slack side). {@code GPUOPS_MONITOR=off} turns the
 * monitor off; {@code GPUOPS_MONITOR_INTERVAL} probes every target on one interval (the demo's short one);
 * {@code GPUOPS_MONITOR_GROUP_HOLD} (10s) is how long a failing target waits for others of its provider before its
 * own incident opens; {@code GPUOPS_INCIDENT_ONCALL} lists Slack users/groups invited to every incident channel.
 */
@Configuration(proxyBeanMethods = false)
public class IncidentConfiguration {

    @Bean
    KafkaAdmin.NewTopics gpuopsMonitorTopics(GpuopsKafkaProperties properties) {
        int partitions = properties.topicPartitions();
        return new KafkaAdmin.NewTopics(TopicBuilder.name(MonitorTopics.HEALTH_TOPIC).partitions(partitions).build(),
                TopicBuilder.name(MonitorTopics.INCIDENTS_TOPIC).partitions(partitions).compact().build());
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

    @Bean
    IncidentNotifier incidentNotifier(Slack slack, @Value("${gpuops.slack.bot-token}") String botToken,
                                      Targets targets, @Value("${gpuops.incident.oncall:}") String oncall) {
        IncidentSlack calls = new IncidentSlack(slack.methods(botToken), Sleeper.SYSTEM);
        List<String> defaults = Arrays.stream(oncall.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .toList();
        return new IncidentNotifier(calls, new IncidentChannels(calls, targets, defaults));
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
