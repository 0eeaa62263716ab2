package dev.gpuops.monitor;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.IncidentEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the whole compacted incidents topic from the beginning (no group: every replica and the bot want every
 * incident) and keeps following it. {@link #awaitCaughtUp} returns once what was on the topic at start is applied,
 * so a restarted monitor knows the open incidents before it may open a new one.
 */
public final class IncidentReader implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentReader.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final Consumer<IncidentEvent> sink;
    private final CountDownLatch caughtUp = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    public IncidentReader(String bootstrapServers, Map<String, String> clientProperties, Consumer<IncidentEvent> sink) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.sink = sink;
        this.thread = Thread.ofPlatform().name("gpuops-incident-reader").daemon().unstarted(this::loop);
    }

    public IncidentReader start() {
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
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
                    apply(record);
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
            LOG.error("the incident reader stopped: {}", e.toString(), e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** A topic created a moment ago may not be in the metadata yet: ask again until it is. */
    private List<TopicPartition> partitions() throws InterruptedException {
        while (running) {
            List<TopicPartition> found = consumer.partitionsFor(MonitorTopics.INCIDENTS_TOPIC, Duration.ofSeconds(10))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(200);
        }
        return List.of();
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            GpuopsEvent event = EventJson.read(record.value());
            if (event instanceof IncidentEvent incident) {
                sink.accept(incident);
            }
        } catch (RuntimeException e) {
            LOG.warn("skipping an unreadable incident record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.toString());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
