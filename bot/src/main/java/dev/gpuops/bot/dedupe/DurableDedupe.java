package dev.gpuops.bot.dedupe;

import dev.gpuops.bot.support.RecentKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Have we already acted on this?" that survives a restart. Every claimed key is written to the compacted topic
 * {@value #TOPIC} (key {@code namespace:key}, value the claim instant) before the claim counts; a released key is
 * written as a tombstone. On first use the topic is read back from the beginning, so a restarted gpuops still
 * refuses what it already did. Several users share the topic, each in its own namespace (GitHub uses
 * {@code github}; Slack retries may use {@code slack}).
 *
 * <p>Several replicas share it too: before each claim the topic is read up to its current end, so a claim another
 * replica made since is seen; after writing its own claim a replica reads again, and since every record of one key
 * lands on one partition, in one order, the first claim after the key's last release wins on every replica. Two
 * replicas claiming the same key at the same moment therefore get one NEW and one DUPLICATE.
 *
 * <p>Bounded twice: in memory by {@code capacity} keys (oldest forgotten first) and {@code ttl}; on Kafka by the
 * topic's {@code cleanup.policy=compact,delete} with {@code retention.ms} = ttl, so a key older than the ttl is gone
 * from both. When Kafka cannot take the claim the answer is {@link Claim#UNAVAILABLE} and nothing is remembered: the
 * caller refuses the request in a way that makes the sender retry.
 */
public final class DurableDedupe implements AutoCloseable {

    public static final String TOPIC = "gpuops.dedupe";

    private static final Logger LOG = LoggerFactory.getLogger(DurableDedupe.class);

    /** What a {@link #claim} found. */
    public enum Claim {
        /** First time: the key is now remembered, durably. */
        NEW,
        /** Already claimed (before or after a restart) and not released. */
        DUPLICATE,
        /** Kafka did not take the claim (or the history could not be read); nothing remembered. */
        UNAVAILABLE
    }

    private final String namespace;
    private final Producer<String, String> producer;
    private final DedupeLog log;
    private final Clock clock;
    private final Duration ttl;
    private final Duration writeTimeout;
    /** Claimed keys → the offset of the claim that won (-1 when only known locally). */
    private final RecentKeys<Long> memory;
    private volatile boolean loaded;
    private static final long UNWRITTEN = Long.MIN_VALUE;

    /** Reads {@code history} once: claims other replicas make later are not seen (a single gpuops, tests). */
    public DurableDedupe(String namespace, Producer<String, String> producer, DedupeHistory history, Clock clock,
                         Duration ttl, int capacity, Duration writeTimeout) {
        this(namespace, producer, DedupeLog.once(history), clock, ttl, capacity, writeTimeout);
    }

    /** Follows {@code log} at every claim, so the claims of other replicas count here too. */
    public DurableDedupe(String namespace, Producer<String, String> producer, DedupeLog log, Clock clock,
                         Duration ttl, int capacity, Duration writeTimeout) {
        if (namespace == null || namespace.isBlank() || namespace.contains(":")) {
            throw new IllegalArgumentException("namespace must be a non-blank word without ':', got " + namespace);
        }
        this.namespace = namespace;
        this.producer = producer;
        this.log = log;
        this.clock = clock;
        this.ttl = ttl;
        this.writeTimeout = writeTimeout;
        this.memory = new RecentKeys<>(clock, ttl, capacity);
    }

    /** Claims {@code key}: NEW exactly once per key within the ttl, across restarts. */
    public synchronized Claim claim(String key) {
        if (!catchUp()) {
            return Claim.UNAVAILABLE;
        }
        if (memory.get(key).isPresent()) {
            return Claim.DUPLICATE;
        }
        long offset = write(key, clock.instant().toString());
        if (offset == UNWRITTEN) {
            return Claim.UNAVAILABLE;
        }
        // our claim is on the topic; reading on shows whether another replica's claim of the key came first
        if (!catchUp()) {
            LOG.warn("Dedupe {}:{} claimed but not read back; counting it as ours", namespace, key);
        }
        Optional<Long> winner = memory.claim(key, offset);
        return winner.isEmpty() || winner.get() == offset || winner.get() < 0 ? Claim.NEW : Claim.DUPLICATE;
    }

    /** Forgets {@code key} (the action it guarded did not take effect), here and on the topic. */
    public synchronized void release(String key) {
        memory.release(key);
        if (write(key, null) == UNWRITTEN) {
            LOG.warn("Could not write the release of dedupe key {}:{}; a restart may refuse its retry as a duplicate",
                    namespace, key);
        }
    }

    /** Reads the topic now instead of at the first claim, so the first request does not pay for it. */
    public synchronized void warmUp() {
        catchUp();
    }

    /** Keys held in memory, for tests and health details. */
    public int size() {
        return memory.size();
    }

    /** Reads what was written to the topic since the last read (at first: all of it). */
    private boolean catchUp() {
        try {
            String prefix = namespace + ":";
            Instant oldest = clock.instant().minus(ttl);
            int[] count = {0};
            log.readNew(TOPIC, writeTimeout, record -> {
                if (record.key() == null || !record.key().startsWith(prefix)) {
                    return;
                }
                String key = record.key().substring(prefix.length());
                if (record.value() == null || claimedBefore(record, oldest)) {
                    memory.release(key);
                } else if (memory.claim(key, record.offset()).isEmpty()) {
                    count[0]++;
                }
            });
            if (!loaded) {
                loaded = true;
                LOG.info("Dedupe '{}': {} key(s) read back from {}", namespace, count[0], TOPIC);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Dedupe '{}' could not read {} ({}); refusing requests until Kafka answers", namespace, TOPIC,
                    e.toString());
            return false;
        }
    }

    private static boolean claimedBefore(ConsumerRecord<String, String> record, Instant oldest) {
        try {
            return Instant.parse(record.value()).isBefore(oldest);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** @return the record's offset on its partition, or {@link #UNWRITTEN} */
    private long write(String key, String value) {
        try {
            RecordMetadata written = producer.send(new ProducerRecord<>(TOPIC, namespace + ":" + key, value))
                    .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return written.hasOffset() ? written.offset() : -1;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Kafka did not take dedupe key {}:{}: {}", namespace, key, e.toString());
            return UNWRITTEN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNWRITTEN;
        }
    }

    @Override
    public synchronized void close() {
        producer.close(Duration.ofSeconds(2));
        log.close();
    }
}
