package dev.gpuops.bot.audit;

import dev.gpuops.audit.AuditRecord;
import dev.gpuops.event.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;

/** Feeds {@link AuditView} from {@code gpuops.audit}, from the beginning, under a group of its own per instance. */
public class AuditListener {

    private static final Logger LOG = LoggerFactory.getLogger(AuditListener.class);

    private final AuditView view;

    public AuditListener(AuditView view) {
        this.view = view;
    }

    @KafkaListener(id = "gpuops-bot-audit", topics = AuditRecord.TOPIC,
            groupId = "gpuops-bot-audit-#{T(java.util.UUID).randomUUID().toString().substring(0, 8)}",
            properties = {
                    "auto.offset.reset=earliest",
                    "enable.auto.commit=false",
                    "key.deserializer=org.apache.kafka.common.serialization.StringDeserializer",
                    "value.deserializer=org.apache.kafka.common.serialization.ByteArrayDeserializer"})
    public void onAuditRecord(ConsumerRecord<String, byte[]> record) {
        try {
            view.accept(EventJson.mapper().readValue(record.value(), AuditRecord.class));
        } catch (RuntimeException e) {
            LOG.warn("Skipping unreadable audit record {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }
}
