package dev.gpuops.consumer;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.runbook.engine.RunEventSink;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes run events to {@code gpuops.runs}, keyed by target so one target's run log stays in order, and waits
 * for the all-replica acknowledgement before returning.
 */
public final class KafkaRunEventSink implements RunEventSink, AutoCloseable {

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final Duration timeout;

    public KafkaRunEventSink(Producer<String, byte[]> producer, String topic, Duration timeout) {
        this.producer = producer;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** A durable, idempotent producer for {@code bootstrapServers}, plus any extra client properties. */
    public static KafkaRunEventSink create(String bootstrapServers, Map<String, String> clientProperties,
                                           Duration timeout) {
        return new KafkaRunEventSink(DurableProducer.create(bootstrapServers, clientProperties,
                "gpuops-handlers-runs", timeout), Events.RUNS_TOPIC, timeout);
    }

    @Override
    public void publish(RunEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, event.target(), EventJson.write(event));
        try {
            producer.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + describe(event), e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka refused " + describe(event) + ": " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + describe(event) + " within " + timeout
                    + "; is the broker reachable?", e);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    private String describe(RunEvent event) {
        return event.getClass().getSimpleName() + " of run " + event.runId() + " to " + topic;
    }
}
