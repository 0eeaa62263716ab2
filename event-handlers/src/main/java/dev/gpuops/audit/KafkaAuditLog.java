package dev.gpuops.audit;

import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes audit records to {@code gpuops.audit} (acks=all, idempotent), waiting for the broker's ack. */
public final class KafkaAuditLog implements AuditLog, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAuditLog.class);

    private final KafkaProducer<String, byte[]> producer;
    private final Duration timeout;

    public KafkaAuditLog(String bootstrapServers, Map<String, ?> clientProperties, Duration timeout) {
        this.producer = DurableProducer.create(bootstrapServers, clientProperties, "gpuops-audit", timeout);
        this.timeout = timeout;
    }

    @Override
    public void record(AuditRecord record) {
        try {
            producer.send(new ProducerRecord<>(AuditRecord.TOPIC, record.target(),
                    EventJson.mapper().writeValueAsBytes(record))).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.error("could not write audit record {} ({} {} by {}): {}", record.id(), record.outcome(),
                    record.action(), record.userId(), e.toString());
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
