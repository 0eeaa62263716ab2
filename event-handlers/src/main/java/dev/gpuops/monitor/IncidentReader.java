package dev.gpuops.monitor;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.IncidentEvent;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Reads the whole compacted incidents topic from the beginning (no group: every replica and the bot want every
 * incident) and keeps following it. {@link #awaitCaughtUp} returns once what was on the topic at start is applied,
 * so a restarted monitor knows the open incidents before it may open a new one.
 */
public final class IncidentReader implements AutoCloseable {

    private final TopicFollower follower;

    public IncidentReader(String bootstrapServers, Map<String, String> clientProperties, Consumer<IncidentEvent> sink) {
        this.follower = new TopicFollower(bootstrapServers, clientProperties, MonitorTopics.INCIDENTS_TOPIC, null,
                record -> apply(record, sink));
    }

    public IncidentReader start() {
        follower.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return follower.awaitCaughtUp(timeout);
    }

    private static void apply(ConsumerRecord<String, byte[]> record, Consumer<IncidentEvent> sink) {
        if (record.value() != null && EventJson.read(record.value()) instanceof IncidentEvent incident) {
            sink.accept(incident);
        }
    }

    /** The event of a record of a monitor topic, or null for a tombstone. */
    static GpuopsEvent event(ConsumerRecord<String, byte[]> record) {
        return record.value() == null ? null : EventJson.read(record.value());
    }

    @Override
    public void close() {
        follower.close();
    }
}
