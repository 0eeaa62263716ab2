package dev.gpuops.bot.incident;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.RunEvent;
import dev.gpuops.monitor.MonitorTopics;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds the incident notifier: every incident change (one bot replica per change, by consumer group) and the run
 * log, for the verdicts of the diagnoses it started.
 */
public class IncidentListener {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentListener.class);

    private final IncidentNotifier notifier;

    public IncidentListener(IncidentNotifier notifier) {
        this.notifier = notifier;
    }

    @KafkaListener(id = "gpuops-incident-notifier", topics = MonitorTopics.INCIDENTS_TOPIC,
            groupId = "gpuops-incident-notifier")
    public void onIncident(ConsumerRecord<?, ?> record) {
        if (read(record) instanceof IncidentEvent event) {
            notifier.accept(event);
        }
    }

    @KafkaListener(id = "gpuops-incident-diagnoses", topics = Events.RUNS_TOPIC,
            groupId = "gpuops-incident-diagnoses")
    public void onRun(ConsumerRecord<?, ?> record) {
        if (read(record) instanceof RunEvent event) {
            notifier.accept(event);
        }
    }

    private static GpuopsEvent read(ConsumerRecord<?, ?> record) {
        byte[] json = switch (record.value()) {
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case null -> null;
            default -> null;
        };
        if (json == null) {
            return null;
        }
        try {
            return EventJson.read(json);
        } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return null;
        }
    }
}
