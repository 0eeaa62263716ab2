package dev.gpuops.bot.kafka;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.IngressEvent;
import dev.gpuops.bot.config.GpuopsKafkaProperties;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * Publishes ingress events on {@code gpuops.commands}, keyed by target, and waits for the broker's ack. A command is
 * only ever reported as queued after this returned {@link PublishResult.Acked}.
 *
 * <p>The producer's own deadlines are derived from {@code ackTimeout} so that when we give up waiting the producer
 * has given up too: a record we reported as "not taken" is not quietly delivered a minute later.
 */
public class CommandPublisher implements DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(CommandPublisher.class);
    private static final Duration GRACE = Duration.ofMillis(300);

    private final Producer<String, byte[]> producer;
    private final Duration ackTimeout;

    public CommandPublisher(Map<String, Object> baseProducerConfig, GpuopsKafkaProperties properties) {
        this.ackTimeout = properties.ackTimeout();
        this.producer = new KafkaProducer<>(producerConfig(baseProducerConfig, ackTimeout),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Acks from all replicas, idempotent, no linger, and deadlines that end when the caller stops waiting. */
    public static Map<String, Object> producerConfig(Map<String, Object> base, Duration ackTimeout) {
        long total = ackTimeout.toMillis();
        long maxBlock = Math.max(100, total / 4);
        long delivery = Math.max(200, total - maxBlock);
        Map<String, Object> config = new HashMap<>(base);
        config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // linger 0: every handler blocks on its own record's ack, so waiting to fill a batch only adds latency; under
        // load records still share batches, because they pile up while the previous request is in flight
        // (max.in.flight 5 with idempotence keeps order and lets five such batches travel at once)
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "gpuops-ingress");
        config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
        config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
        return config;
    }

    /** Publishes {@code event} keyed by its target; blocks at most about {@code ackTimeout}. */
    public PublishResult publish(IngressEvent event) {
        long started = System.nanoTime();
        ProducerRecord<String, byte[]> record =
                new ProducerRecord<>(Events.COMMANDS_TOPIC, event.target(), EventJson.write(event));
        try {
            Future<RecordMetadata> sent = producer.send(record);
            long left = ackTimeout.plus(GRACE).toNanos() - (System.nanoTime() - started);
            RecordMetadata meta = sent.get(Math.max(left, 0), TimeUnit.NANOSECONDS);
            return new PublishResult.Acked(meta.topic(), meta.partition(), meta.offset());
        } catch (ExecutionException e) {
            return failed(event, describe(e.getCause()));
        } catch (TimeoutException e) {
            return failed(event, "no acknowledgement within " + ackTimeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(event, "interrupted while waiting for the acknowledgement");
        } catch (RuntimeException e) {
            return failed(event, describe(e));
        }
    }

    /** Fetches topic metadata once, so the first user command does not pay for it. */
    public void warmUp() {
        try {
            producer.partitionsFor(Events.COMMANDS_TOPIC);
        } catch (RuntimeException e) {
            LOG.warn("Kafka is not reachable yet ({}); commands will be refused until it is", describe(e));
        }
    }

    private PublishResult failed(IngressEvent event, String reason) {
        LOG.warn("Kafka did not take {} for target {} (event {}): {}", event.getClass().getSimpleName(),
                event.target(), event.eventId(), reason);
        return new PublishResult.Failed(reason);
    }

    private static String describe(Throwable e) {
        if (e == null) {
            return "unknown error";
        }
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    @Override
    public void destroy() {
        producer.close(Duration.ofSeconds(5));
    }
}
