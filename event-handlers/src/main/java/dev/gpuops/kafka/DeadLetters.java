package dev.gpuops.kafka;

import dev.gpuops.event.Events;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes records a consumer cannot use to {@code <topic>.dlt} with the original key and bytes, plus
 * spring-kafka's exception headers saying why. Owns its producer, deliberately not a Spring {@code ProducerFactory}
 * bean, so the bot's own Kafka auto-configuration is left untouched.
 */
public final class DeadLetters implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, Object> factory;
    private final KafkaTemplate<String, Object> template;

    public DeadLetters(String bootstrapServers, Map<String, String> clientProperties) {
        this(withBootstrap(clientProperties, bootstrapServers), "gpuops-handlers-dlt");
    }

    /**
     * @param producerProperties bootstrap servers and security settings of the consumer whose records these are
     * @param clientId           names the producer in broker logs and metrics
     */
    public DeadLetters(Map<String, ?> producerProperties, String clientId) {
        Map<String, Object> config = new HashMap<>(producerProperties);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), DeadLetters::valueBytes);
        this.template = new KafkaTemplate<>(factory);
    }

    /** The record's value as it was read: bytes by the handlers' consumers, text by the bot's. */
    private static byte[] valueBytes(String topic, Object value) {
        return switch (value) {
            case null -> null;
            case byte[] bytes -> bytes;
            case String text -> text.getBytes(StandardCharsets.UTF_8);
            default -> throw new IllegalArgumentException("dead letter of unexpected type " + value.getClass()
                    .getName() + " for " + topic);
        };
    }

    private static Map<String, Object> withBootstrap(Map<String, String> clientProperties, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return config;
    }

    public DeadLetterPublishingRecoverer recoverer() {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, failure) -> new TopicPartition(record.topic() + Events.DEAD_LETTER_SUFFIX, -1));
        recoverer.setFailIfSendResultIsError(true);
        return recoverer;
    }

    @Override
    public void close() {
        factory.destroy();
    }
}
