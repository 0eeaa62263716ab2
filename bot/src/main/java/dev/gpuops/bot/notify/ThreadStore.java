package dev.gpuops.bot.notify;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Thread coordinates on the compacted topic {@code gpuops.slack-threads} (key = run id, one record per run;
 * {@code cleanup.policy=compact,delete}, 7 days). Read completely at startup; every write waits for the broker.
 * Shared by all replicas: whoever gets a run's partition of {@code gpuops.runs} finds its thread here.
 */
public class ThreadStore implements AutoCloseable {

    public static final String TOPIC = "gpuops.slack-threads";
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final Logger LOG = LoggerFactory.getLogger(ThreadStore.class);

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;
    private final Map<String, ThreadCoordinates> threads = new ConcurrentHashMap<>();

    public ThreadStore(Map<String, Object> clientConfig, Duration timeout) {
        this.clientConfig = new HashMap<>(clientConfig);
        this.timeout = timeout;
        this.producer = DurableProducer.create(clientConfig, "gpuops-notifier-threads", timeout);
    }

    /** Reads the whole topic into memory; call once before the notifier consumes. */
    public void load() {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gpuops-notifier-threads-reader");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(TOPIC, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long giveUp = System.nanoTime() + timeout.multipliedBy(4).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("could not read " + TOPIC + " within " + timeout.multipliedBy(4)
                            + "; is Kafka reachable?");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    read(record);
                }
            }
        }
        LOG.info("{} Slack thread(s) known from {}", threads.size(), TOPIC);
    }

    private void read(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            threads.remove(record.key());
            return;
        }
        try {
            ThreadCoordinates read = EventJson.mapper().readValue(record.value(), ThreadCoordinates.class);
            threads.put(read.runId(), read);
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable thread coordinates of run {}: {}", record.key(), e.getMessage());
        }
    }

    public Optional<ThreadCoordinates> find(String runId) {
        return Optional.ofNullable(threads.get(runId));
    }

    /** Where a (re)started notifier must start reading this partition so no unsettled thread misses an event. */
    public OptionalLong restartOffset(int partition) {
        return threads.values().stream().filter(t -> !t.settled() && t.partition() == partition && t.firstOffset() >= 0)
                .mapToLong(ThreadCoordinates::firstOffset).min();
    }

    /** Writes and waits for the broker. A failure is logged: the thread goes on, a restart may then repeat a post. */
    public void put(ThreadCoordinates coordinates) {
        threads.put(coordinates.runId(), coordinates);
        try {
            producer.send(new ProducerRecord<>(TOPIC, coordinates.runId(),
                    EventJson.mapper().writeValueAsBytes(coordinates))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.error("could not record the Slack thread of run {} on {}: {}", coordinates.runId(), TOPIC,
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
