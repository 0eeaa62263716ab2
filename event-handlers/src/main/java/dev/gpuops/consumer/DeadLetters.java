package dev.gpuops.consumer;

import dev.gpuops.event.Events;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;

/**
 * Publishes records the handlers cannot use to {@code <topic>.dlt} with the original key and bytes, plus
 * spring-kafka's exception headers saying why. Owns its producer, deliberately not a Spring {@code ProducerFactory}
 * bean, so the bot's own Kafka auto-configuration is left untouched.
 */
public final class DeadLetters implements AutoCloseable {

    private final DefaultKafkaProducerFactory<String, byte[]> factory;
    private final KafkaTemplate<String, byte[]> template;

    public DeadLetters(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "gpuops-handlers-dlt");
        this.factory = new DefaultKafkaProducerFactory<>(config, new StringSerializer(), new ByteArraySerializer());
        this.template = new KafkaTemplate<>(factory);
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
