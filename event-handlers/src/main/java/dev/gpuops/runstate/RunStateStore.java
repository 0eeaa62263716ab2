package dev.gpuops.runstate;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run checkpoints on {@code gpuops.run-state}: a compacted topic keyed by run id, so it holds one record per run
 * (its latest state), and also time-bounded ({@code cleanup.policy=compact,delete}, {@link #RETENTION}) so finished
 * runs, kept for dedupe, fall off after a week. {@link #put} returns once the broker acknowledged the write
 * ({@code acks=all}); {@link #reload} reads the whole topic, which is what a handler does when it starts or takes
 * over partitions. Every process keeps the checkpoints it has read or written in memory, for dedupe by run id.
 */
public final class RunStateStore implements AutoCloseable {

    /** How long finished runs stay known (dedupe of late redeliveries) before Kafka deletes them. */
    public static final Duration RETENTION = Duration.ofDays(7);

    private static final int DEFAULT_PARTITIONS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(RunStateStore.class);

    private final Map<String, Object> clientConfig;
    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;
    private final Map<String, RunCheckpoint> known = new ConcurrentHashMap<>();
    private final AtomicLong lastSeq = new AtomicLong();
    private volatile boolean topicReady;

    public RunStateStore(String bootstrapServers, Map<String, String> clientProperties, Duration timeout) {
        this.clientConfig = new HashMap<>(clientProperties);
        clientConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        this.timeout = timeout;
        this.producer = DurableProducer.create(clientConfig, "gpuops-handlers-run-state", timeout);
    }

    /**
     * Creates the topic (compacted, time-bounded) when it does not exist yet, with as many partitions as
     * {@code gpuops.commands}; asks Kafka only until it once succeeded.
     */
    public void ensureTopic() {
        if (topicReady) {
            return;
        }
        Map<String, Object> adminConfig = new HashMap<>(clientConfig);
        adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(adminConfig)) {
            java.util.Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (existing.contains(Events.RUN_STATE_TOPIC)) {
                topicReady = true;
                return;
            }
            int partitions = !existing.contains(Events.COMMANDS_TOPIC) ? DEFAULT_PARTITIONS
                    : admin.describeTopics(List.of(Events.COMMANDS_TOPIC)).allTopicNames()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS).get(Events.COMMANDS_TOPIC).partitions().size();
            NewTopic topic = new NewTopic(Events.RUN_STATE_TOPIC, Optional.of(partitions), Optional.empty())
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact,delete",
                            TopicConfig.RETENTION_MS_CONFIG, String.valueOf(RETENTION.toMillis())));
            admin.createTopics(List.of(topic)).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            topicReady = true;
        } catch (ExecutionException e) {
            topicReady = e.getCause() instanceof TopicExistsException;
            if (!topicReady) {
                throw new IllegalStateException("could not create " + Events.RUN_STATE_TOPIC + ": " + e.getCause()
                        + "; create it (cleanup.policy=compact,delete) or give gpuops the right to", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating " + Events.RUN_STATE_TOPIC, e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within " + timeout + " while checking "
                    + Events.RUN_STATE_TOPIC + "; is the broker reachable?", e);
        }
    }

    /** Writes the checkpoint and waits for the broker's acknowledgement. */
    public void put(RunCheckpoint checkpoint) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Events.RUN_STATE_TOPIC, checkpoint.runId(),
                EventJson.mapper().writeValueAsBytes(checkpoint));
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while recording run " + checkpoint.runId(), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused the checkpoint of run " + checkpoint.runId() + ": "
                    + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge the checkpoint of run " + checkpoint.runId()
                    + " within " + timeout + "; is the broker reachable?", e);
        }
        known.put(checkpoint.runId(), checkpoint);
        lastSeq.accumulateAndGet(checkpoint.seq(), Math::max);
    }

    public Optional<RunCheckpoint> find(String runId) {
        return Optional.ofNullable(known.get(runId));
    }

    /** Arrival order for a new run: increasing within this process and above anything read from the topic. */
    public long nextSeq() {
        long now = Instant.now().toEpochMilli() * 1000;
        return lastSeq.updateAndGet(prev -> Math.max(prev + 1, now));
    }

    /**
     * Reads the topic from the beginning to its current end and merges it into memory (the later {@code updatedAt}
     * of a run wins, a finished state always wins).
     *
     * @return every run known afterwards, by run id
     */
    public Map<String, RunCheckpoint> reload() {
        ensureTopic();
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "gpuops-handlers-run-state-reader");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Events.RUN_STATE_TOPIC, timeout).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            long giveUp = System.nanoTime() + timeout.multipliedBy(4).toNanos();
            while (!caughtUp(consumer, end)) {
                if (System.nanoTime() > giveUp) {
                    throw new IllegalStateException("could not read " + Events.RUN_STATE_TOPIC + " to its end within "
                            + timeout.multipliedBy(4) + "; is the broker reachable?");
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    merge(record);
                }
            }
        }
        return Map.copyOf(known);
    }

    private static boolean caughtUp(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        return end.entrySet().stream().allMatch(e -> consumer.position(e.getKey()) >= e.getValue());
    }

    private void merge(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            known.remove(record.key());
            return;
        }
        RunCheckpoint read;
        try {
            read = EventJson.mapper().readValue(record.value(), RunCheckpoint.class);
        } catch (RuntimeException e) {
            LOG.warn("skipping unreadable checkpoint of run {} at {}-{}@{}: {}", record.key(), record.topic(),
                    record.partition(), record.offset(), e.getMessage());
            return;
        }
        known.merge(read.runId(), read, RunStateStore::later);
        lastSeq.accumulateAndGet(read.seq(), Math::max);
    }

    private static RunCheckpoint later(RunCheckpoint mine, RunCheckpoint read) {
        if (mine.finished() != read.finished()) {
            return mine.finished() ? mine : read;
        }
        return read.updatedAt().isBefore(mine.updatedAt()) ? mine : read;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
