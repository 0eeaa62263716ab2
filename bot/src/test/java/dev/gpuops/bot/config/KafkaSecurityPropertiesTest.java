package dev.gpuops.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.kafka.KafkaClientSecurity;
import dev.gpuops.bot.kafka.KafkaCredentialsCheck;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class KafkaSecurityPropertiesTest {

    private static final String JAAS = "org.apache.kafka.common.security.scram.ScramLoginModule required "
            + "username=\"gpuops\" password=\"s3cr3t-scram-pw\";";

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({KafkaSecurityProperties.class, QueueProperties.class, IngressProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void nothingConfiguredMeansNoClientProperties() {
        runner.run(context -> {
            KafkaSecurityProperties security = context.getBean(KafkaSecurityProperties.class);
            assertThat(security.clientProperties()).isEmpty();
            assertThat(security.secured()).isFalse();
            assertThat(context.getBean(QueueProperties.class).maxPerTarget()).isEqualTo(20);
            assertThat(context.getBean(IngressProperties.class).slackMaxBody()).isEqualTo(1 << 20);
        });
    }

    @Test
    void saslSslBindsToEveryClientPropertyAndHidesSecretsInToString() {
        runner.withPropertyValues("gpuops.kafka.security.protocol=sasl_ssl",
                "gpuops.kafka.security.sasl-mechanism=SCRAM-SHA-512",
                "gpuops.kafka.security.sasl-jaas-config=" + JAAS,
                "gpuops.kafka.security.truststore-location=/etc/kafka/ca.p12",
                "gpuops.kafka.security.truststore-password=trust-pw-123",
                "gpuops.kafka.security.truststore-type=PKCS12").run(context -> {
            KafkaSecurityProperties security = context.getBean(KafkaSecurityProperties.class);
            assertThat(security.clientProperties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512").containsEntry("sasl.jaas.config", JAAS)
                    .containsEntry("ssl.truststore.location", "/etc/kafka/ca.p12")
                    .containsEntry("ssl.truststore.password", "trust-pw-123")
                    .containsEntry("ssl.truststore.type", "PKCS12").doesNotContainKey("ssl.keystore.location");
            assertThat(security.toString()).doesNotContain("s3cr3t-scram-pw").doesNotContain("trust-pw-123")
                    .contains("saslJaasConfig=***");
            assertThat(security.saslUser()).isEqualTo("gpuops");
            assertThat(security.secrets()).contains("s3cr3t-scram-pw", "trust-pw-123", JAAS);

            KafkaProperties boot = new KafkaProperties();
            KafkaClientSecurity.apply(boot, security);
            assertThat(boot.buildProducerProperties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.jaas.config", JAAS);
            assertThat(boot.buildConsumerProperties()).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
            assertThat(boot.buildAdminProperties()).containsEntry("ssl.truststore.type", "PKCS12");
        });
    }

    @Test
    void securityWithTheInProcessPlaintextBrokerIsRefused() {
        KafkaSecurityProperties sasl = new KafkaSecurityProperties("SASL_SSL", "PLAIN", JAAS, null, null, null, null,
                null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new KafkaCredentialsCheck(java.util.Map.of(), sasl,
                true)).hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is not set").hasMessageNotContaining("s3cr3t");
        // a real cluster, or no security at all, is fine
        new KafkaCredentialsCheck(java.util.Map.of(), sasl, false);
        new KafkaCredentialsCheck(java.util.Map.of(), KafkaSecurityProperties.none(), true);
    }

    @Test
    void inconsistentSettingsFailStartupSayingWhatIsMissing() {
        runner.withPropertyValues("gpuops.kafka.security.protocol=SASL_PLAINTEXT").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("needs KAFKA_SASL_MECHANISM and "
                        + "KAFKA_SASL_JAAS_CONFIG"));
        runner.withPropertyValues("gpuops.kafka.security.sasl-jaas-config=" + JAAS).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("KAFKA_SECURITY_PROTOCOL is not")
                        .satisfies(failure -> assertThat(failure.toString()).doesNotContain("s3cr3t-scram-pw")));
        runner.withPropertyValues("gpuops.kafka.security.protocol=TLS").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("must be PLAINTEXT, SSL"));
        runner.withPropertyValues("gpuops.kafka.security.protocol=SSL",
                "gpuops.kafka.security.keystore-password=ks-pw-12345").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("without its KAFKA_SSL_*_LOCATION"));
        runner.withPropertyValues("gpuops.queue.max-per-target=0").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("maxPerTarget"));
    }
}
