package dev.gpuops.bot.notify;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunEvent;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.springframework.kafka.listener.ConsumerSeekAware;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import tools.jackson.core.JacksonException;

/**
 * Feeds {@code gpuops.runs} to the Slack notifier. Returns as soon as the event is handed to its channel's lane;
 * a record that is not a gpuops event fails with a {@link DeserializationException}, which the bot's one error
 * handler ({@link dev.gpuops.bot.kafka.DeadLetterConfiguration}) does not retry but publishes to
 * {@code gpuops.runs.dlt}.
 */
public class RunEventListener implements ConsumerSeekAware {

    private static final Logger LOG = LoggerFactory.getLogger(RunEventListener.class);

    private final SlackNotifier notifier;
    private final ThreadStore threads;

    public RunEventListener(SlackNotifier notifier) {
        this(notifier, null);
    }

    /** @param threads durable thread coordinates, read on the first assignment; null for none */
    public RunEventListener(SlackNotifier notifier, ThreadStore threads) {
        this.notifier = notifier;
        this.threads = threads;
    }

    /**
     * The notifier is one consumer group across replicas, so each run's messages are posted by one of them. Its
     * committed offsets are not what decides where a restarted notifier starts: a partition is re-read from the
     * first event of its oldest run whose thread is not settled yet (recorded in {@link ThreadStore}), so every
     * message Slack had not accepted before a crash is still sent, into the same thread.
     */
    @Override
    public void onPartitionsAssigned(Map<TopicPartition, Long> assignments, ConsumerSeekCallback callback) {
        if (threads == null) {
            return;
        }
        // read again at every assignment: a partition taken over from another replica brings its threads
        threads.load();
        assignments.forEach((partition, position) -> threads.restartOffset(partition.partition()).ifPresent(start -> {
            if (start < position) {
                LOG.info("re-reading {} from {} (was at {}): a Slack thread there is not final yet", partition,
                        start, position);
                callback.seek(partition.topic(), partition.partition(), start);
            }
        }));
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
        if (parse(json, record) instanceof RunEvent run) {
            notifier.accept(run, record.partition(), record.offset());
        }
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
