package dev.gpuops.bot.dedupe;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows the dedupe topic with one long-lived consumer that has no group (nothing is committed; every replica
 * reads every partition) and the same client settings, security included, as every other gpuops client. Each read
 * goes from where the previous one stopped to the topic's current end: after the first (the whole compacted topic),
 * a read costs one end-offsets request plus the records written since, which is small at webhook rates.
 * Not thread-safe; {@link DurableDedupe} calls it under its own lock.
 */
public final class KafkaDedupeLog implements DedupeLog {

    private final Map<String, Object> consumerConfig;
    private KafkaConsumer<String, String> consumer;
    private List<TopicPartition> partitions;

    /** @param baseConsumerConfig the common consumer settings (bootstrap servers, security) */
    public KafkaDedupeLog(Map<String, Object> baseConsumerConfig) {
        this.consumerConfig = new HashMap<>(baseConsumerConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        consumerConfig.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "gpuops-dedupe-log");
    }

    @Override
    public void readNew(String topic, Duration timeout, Consumer<ConsumerRecord<String, String>> sink) {
        if (consumer == null) {
            consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer());
        }
        if (partitions == null || partitions.isEmpty()) {
            partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
        // bounded by what was written since the last read (at first: the compacted topic), not by a clock
        while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
            consumer.poll(Duration.ofMillis(200)).forEach(sink);
        }
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
            consumer = null;
        }
    }
}
