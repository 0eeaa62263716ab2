package dev.gpuops.bot.kafka;

import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real in-process KRaft broker whose client listener requires SASL/PLAIN (the controller listener stays
 * PLAINTEXT, as it is internal to the process). Users: {@code admin} (the broker itself) and {@code gpuops}.
 */
final class SaslBroker implements AutoCloseable {

    static final String USER = "gpuops";
    static final String PASSWORD = "gpuops-sasl-password-7f3a9c";

    private final EmbeddedKafkaKraftBroker broker;

    SaslBroker() {
        String brokerLogin = "org.apache.kafka.common.security.plain.PlainLoginModule required "
                + "username=\"admin\" password=\"admin-secret\" user_admin=\"admin-secret\" "
                + "user_" + USER + "=\"" + PASSWORD + "\";";
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.brokerListProperty("gpuops.sasl-kafka.brokers");
        broker.brokerProperties(Map.of(
                "listener.security.protocol.map", "EXTERNAL:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
                "sasl.enabled.mechanisms", "PLAIN",
                "sasl.mechanism.inter.broker.protocol", "PLAIN",
                "listener.name.external.plain.sasl.jaas.config", brokerLogin));
        try {
            broker.afterPropertiesSet();
        } catch (RuntimeException e) {
            broker.destroy();
            throw e;
        }
    }

    String bootstrapServers() {
        return broker.getBrokersAsString();
    }

    static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
