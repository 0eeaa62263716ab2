package dev.gpuops.bot.approval;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** The run log ({@code gpuops.runs}) of one broker as a test reads it: every event so far, in order per target. */
final class RunLog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<RunEvent> events = new ArrayList<>();

    RunLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-runlog-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Events.RUNS_TOPIC));
    }

    /** Everything read so far for {@code runId}, after one more poll. */
    List<RunEvent> of(String runId) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
            GpuopsEvent event = EventJson.read(record.value());
            if (event instanceof RunEvent run) {
                events.add(run);
            }
        }
        return events.stream().filter(e -> runId.equals(e.runId())).toList();
    }

    <T extends RunEvent> List<T> of(String runId, Class<T> type) {
        return of(runId).stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }
}
