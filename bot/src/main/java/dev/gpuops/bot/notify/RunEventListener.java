package dev.gpuops.bot.notify;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.core.JacksonException;

/**
 * Feeds {@code gpuops.runs} to the Slack notifier. Returns as soon as the event is handed to its channel's lane;
 * a record that is not a gpuops event fails with a {@link DeserializationException}, which spring-kafka's default
 * error handler does not retry (and a configured dead-letter recoverer publishes).
 */
public class RunEventListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunEventListener.class);

    private final SlackNotifier notifier;

    public RunEventListener(SlackNotifier notifier) {
        this.notifier = notifier;
    }

    @KafkaListener(id = "gpuops-notifier", topics = Events.RUNS_TOPIC, groupId = "gpuops-notifier")
    public void onRecord(ConsumerRecord<?, ?> record) {
        byte[] json = switch (record.value()) {
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            case null -> null;
            default -> throw new DeserializationException("gpuops.runs value of unexpected type "
                    + record.value().getClass().getName() + "; configure a String or byte[] deserializer",
                    null, false, null);
        };
        if (json == null) {
            LOG.debug("skipping tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        onEvent(parse(json, record));
    }

    void onEvent(GpuopsEvent event) {
        if (event instanceof RunEvent run) {
            notifier.accept(run);
        }
    }

    private static GpuopsEvent parse(byte[] json, ConsumerRecord<?, ?> record) {
        try {
            return EventJson.read(json);
        } catch (JacksonException e) {
            throw new DeserializationException("not a gpuops event at " + record.topic() + "-" + record.partition()
                    + "@" + record.offset() + ": " + e.getOriginalMessage(), json, false, e);
        }
    }
}
