package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.KafkaSecurityProperties;
import dev.gpuops.provider.support.Redactor;
import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * The one place Kafka security settings enter gpuops. They are written into Boot's {@link KafkaProperties}, from
 * which every client in the bot is built (Boot's consumer and producer factories behind the notifier and read-model
 * listeners, the admin client and health indicator, {@link CommandPublisher}, the dedupe clients), and handed to the
 * handlers as their {@code kafkaClientProperties} (commands consumer, runs producer, dead-letter producer). A new
 * Kafka client must take its configuration from {@code KafkaProperties.build*Properties()} or {@link #common}.
 */
public final class KafkaClientSecurity {

    private KafkaClientSecurity() {
    }

    /** Adds the security properties to every client Boot builds from {@code kafka}; secrets go to the redactor. */
    public static void apply(KafkaProperties kafka, KafkaSecurityProperties security) {
        security.secrets().forEach(Redactor::register);
        Map<String, String> common = security.clientProperties();
        kafka.getProperties().putAll(common);
        if (common.containsKey("security.protocol")) {
            // Boot's connection details apply spring.kafka.security.protocol after the properties map: keep them equal
            kafka.getSecurity().setProtocol(common.get("security.protocol"));
        }
    }

    /** The properties every client carries besides the bootstrap servers, for clients built outside Boot. */
    public static Map<String, String> common(KafkaSecurityProperties security) {
        return security.clientProperties();
    }
}
