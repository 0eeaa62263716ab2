package dev.gpuops.bot.dedupe;

import java.time.Duration;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reads a topic from its beginning to its current end, once. */
@FunctionalInterface
public interface DedupeHistory {

    /** Nothing stored yet: for a first start and for unit tests. */
    DedupeHistory EMPTY = (topic, timeout, sink) -> {
    };

    /** @throws RuntimeException when the topic cannot be read within {@code timeout} */
    void replay(String topic, Duration timeout, Consumer<ConsumerRecord<String, String>> sink);
}
