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
 * Replays a topic with a short-lived consumer that has no group (nothing is committed) and the same client
 * settings, security included, as every other gpuops client.
 */
public final class KafkaDedupeHistory implements DedupeHistory {

    private final Map<String, Object> consumerConfig;

    /** @param baseConsumerConfig the common consumer settings (bootstrap servers, security) */
    public KafkaDedupeHistory(Map<String, Object> baseConsumerConfig) {
        this.consumerConfig = new HashMap<>(baseConsumerConfig);
        consumerConfig.remove(ConsumerConfig.GROUP_ID_CONFIG);
        consumerConfig.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
        consumerConfig.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.CLIENT_ID_CONFIG, "gpuops-dedupe-history");
    }

    @Override
    public void replay(String topic, Duration timeout, Consumer<ConsumerRecord<String, String>> sink) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            if (partitions.isEmpty()) {
                return;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            // reading a compacted topic to its end is bounded by its size, not by a clock: no deadline here
            while (partitions.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(sink);
            }
        }
    }
}
