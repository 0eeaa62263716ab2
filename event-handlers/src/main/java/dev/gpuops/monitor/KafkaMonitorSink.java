package dev.gpuops.monitor;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.TargetMuted;
import dev.gpuops.event.TargetUnmuted;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes the monitor's events: incident events to the compacted incidents topic (key = incident id), mutes to
 * the compacted {@code gpuops.mutes} (key = target, so the latest mute of every target stays), the others to
 * {@code gpuops.health} (key = target), automatic actions to {@code gpuops.commands} (key = target) like any
 * command. Waits for the broker's acknowledgement.
 */
public final class KafkaMonitorSink implements MonitorSink, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final Duration timeout;

    public KafkaMonitorSink(Producer<String, byte[]> producer, Duration timeout) {
        this.producer = producer;
        this.timeout = timeout;
    }

    public static KafkaMonitorSink create(String bootstrapServers, Map<String, String> clientProperties,
                                          Duration timeout) {
        return new KafkaMonitorSink(DurableProducer.create(bootstrapServers, clientProperties, "gpuops-monitor",
                timeout), timeout);
    }

    @Override
    public void publish(MonitorEvent event) {
        switch (event) {
            case IncidentEvent incident -> send(MonitorTopics.INCIDENTS_TOPIC, incident.incident().id(), event);
            case TargetMuted muted -> send(MonitorTopics.MUTES_TOPIC, muted.target(), event);
            case TargetUnmuted unmuted -> send(MonitorTopics.MUTES_TOPIC, unmuted.target(), event);
            default -> send(MonitorTopics.HEALTH_TOPIC, event.target(), event);
        }
    }

    @Override
    public void command(CommandReceived command) {
        send(Events.COMMANDS_TOPIC, command.target(), command);
    }

    private void send(String topic, String key, GpuopsEvent event) {
        try {
            producer.send(new ProducerRecord<>(topic, key, EventJson.write(event)))
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing to " + topic, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take " + event.getClass().getSimpleName() + " for "
                    + key + " on " + topic + ": " + e, e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
