package dev.gpuops.bot.runs;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Feeds {@link RunsView} from {@code gpuops.runs}. Every bot instance reads the whole topic under its own group,
 * from the beginning, so after a restart it knows again which runs are queued or in flight.
 */
public class RunsListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunsListener.class);

    private final RunsView view;

    public RunsListener(RunsView view) {
        this.view = view;
    }

    @KafkaListener(id = "gpuops-bot-runs", topics = Events.RUNS_TOPIC,
            groupId = "gpuops-bot-runs-#{T(java.util.UUID).randomUUID().toString().substring(0, 8)}",
            properties = {
                    "auto.offset.reset=earliest",
                    "enable.auto.commit=false",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    public void onRunEvent(ConsumerRecord<String, byte[]> record) {
        GpuopsEvent event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            // a view, not a handler: an unreadable record is skipped here; the handlers dead-letter it
            LOG.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return;
        }
        if (event instanceof RunEvent run) {
            view.accept(run);
        }
    }
}
