package dev.gpuops.bot.dedupe;

import dev.gpuops.bot.support.RecentKeys;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Have we already acted on this?" that survives a restart. Every claimed key is written to the compacted topic
 * {@value #TOPIC} (key {@code namespace:key}, value the claim instant) before the claim counts; a released key is
 * written as a tombstone. On first use the topic is read back from the beginning, so a restarted gpuops still
 * refuses what it already did. Several users share the topic, each in its own namespace (GitHub uses
 * {@code github}; Slack retries may use {@code slack}).
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
    private final DedupeHistory history;
    private final Clock clock;
    private final Duration ttl;
    private final Duration writeTimeout;
    private final RecentKeys<Boolean> memory;
    private volatile boolean loaded;

    public DurableDedupe(String namespace, Producer<String, String> producer, DedupeHistory history, Clock clock,
                         Duration ttl, int capacity, Duration writeTimeout) {
        if (namespace == null || namespace.isBlank() || namespace.contains(":")) {
            throw new IllegalArgumentException("namespace must be a non-blank word without ':', got " + namespace);
        }
        this.namespace = namespace;
        this.producer = producer;
        this.history = history;
        this.clock = clock;
        this.ttl = ttl;
        this.writeTimeout = writeTimeout;
        this.memory = new RecentKeys<>(clock, ttl, capacity);
    }

    /** Claims {@code key}: NEW exactly once per key within the ttl, across restarts. */
    public synchronized Claim claim(String key) {
        if (!ensureLoaded()) {
            return Claim.UNAVAILABLE;
        }
        if (memory.claim(key, Boolean.TRUE).isPresent()) {
            return Claim.DUPLICATE;
        }
        if (!write(key, clock.instant().toString())) {
            memory.release(key);
            return Claim.UNAVAILABLE;
        }
        return Claim.NEW;
    }

    /** Forgets {@code key} (the action it guarded did not take effect), here and on the topic. */
    public synchronized void release(String key) {
        memory.release(key);
        if (!write(key, null)) {
            LOG.warn("Could not write the release of dedupe key {}:{}; a restart may refuse its retry as a duplicate",
                    namespace, key);
        }
    }

    /** Reads the topic now instead of at the first claim, so the first request does not pay for it. */
    public synchronized void warmUp() {
        ensureLoaded();
    }

    /** Keys held in memory, for tests and health details. */
    public int size() {
        return memory.size();
    }

    private boolean ensureLoaded() {
        if (loaded) {
            return true;
        }
        try {
            String prefix = namespace + ":";
            Instant oldest = clock.instant().minus(ttl);
            int[] count = {0};
            history.replay(TOPIC, writeTimeout, record -> {
                if (record.key() == null || !record.key().startsWith(prefix)) {
                    return;
                }
                String key = record.key().substring(prefix.length());
                if (record.value() == null || claimedBefore(record, oldest)) {
                    memory.release(key);
                } else {
                    memory.claim(key, Boolean.TRUE);
                    count[0]++;
                }
            });
            loaded = true;
            LOG.info("Dedupe '{}': {} key(s) read back from {}", namespace, count[0], TOPIC);
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

    private boolean write(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(TOPIC, namespace + ":" + key, value))
                    .get(writeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            LOG.warn("Kafka did not take dedupe key {}:{}: {}", namespace, key, e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(2));
    }
}
