package dev.gpuops.monitor;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads every partition of one topic (no consumer group: every replica wants every record), from the beginning or
 * from a point in time, and keeps following it. {@link #awaitCaughtUp} returns once what was on the topic at start
 * is handed over, so a restarted replica knows the state before it acts on it.
 */
public final class TopicFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TopicFollower.class);

    private final String topic;
    private final Instant from;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<ConsumerRecord<String, byte[]>> sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /** @param from the first record's time to read, or null for the beginning (a compacted topic's whole state) */
    public TopicFollower(String bootstrapServers, Map<String, String> clientProperties, String topic, Instant from,
                         Consumer<ConsumerRecord<String, byte[]>> sink) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.topic = topic;
        this.from = from;
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("gpuops-follow-" + topic).daemon().unstarted(this::loop);
    }

    public TopicFollower start() {
        thread.start();
        return this;
    }

    public boolean awaitCaughtUp(Duration timeout) throws InterruptedException {
        return caughtUp.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void loop() {
        try {
            List<TopicPartition> partitions = partitions();
            consumer.assign(partitions);
            seek(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    handle(record);
                }
                if (caughtUp.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp.countDown();
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.error("following {} stopped: {}", topic, e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void seek(List<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
        if (from == null) {
            return;
        }
        Map<TopicPartition, Long> at = new HashMap<>();
        partitions.forEach(p -> at.put(p, from.toEpochMilli()));
        Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(at);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition p : partitions) {
            OffsetAndTimestamp offset = found.get(p);
            consumer.seek(p, offset == null ? end.get(p) : offset.offset());
        }
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            LOG.warn("skipping a record of {} at {}@{}: {}", topic, record.partition(), record.offset(),
                    e.toString());
        }
    }

    /** A topic created a moment ago may not be in the metadata yet, or Kafka not up yet: ask again until it is. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            try {
                List<TopicPartition> found = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                if (!found.isEmpty()) {
                    return found;
                }
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                LOG.info("waiting for Kafka to describe {}: {}", topic, e.getMessage());
            }
            Thread.sleep(200);
        }
        return List.of();
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(consumer, thread);
    }
}
