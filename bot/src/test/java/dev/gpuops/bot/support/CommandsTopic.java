package dev.gpuops.bot.support;

import dev.gpuops.event.Events;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads {@code gpuops.commands} back in tests. Publishing completes before the HTTP answer, so "what was written
 * between two end-offset snapshots" is exact and needs no waiting.
 */
public final class CommandsTopic implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<TopicPartition> partitions;

    public CommandsTopic(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new ByteArrayDeserializer());
        partitions = consumer.partitionsFor(Events.COMMANDS_TOPIC, Duration.ofSeconds(10)).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
    }

    public Map<TopicPartition, Long> endOffsets() {
        return consumer.endOffsets(partitions, Duration.ofSeconds(10));
    }

    /** Every record written after {@code start} (a previous {@link #endOffsets()}) up to the current end. */
    public List<ConsumerRecord<String, byte[]>> readSince(Map<TopicPartition, Long> start) {
        Map<TopicPartition, Long> end = endOffsets();
        start.forEach(consumer::seek);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                    records.add(record);
                }
            });
        }
        return records;
    }

    public int partitionCount() {
        return partitions.size();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
