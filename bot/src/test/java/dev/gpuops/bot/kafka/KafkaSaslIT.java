package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.bot.support.SlackApiStub;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8 §7: gpuops against a broker that requires SASL/PLAIN. With the right credentials a GitHub deploy goes
 * through every client (ingress producer, handlers' consumer and runs producer, the bot's runs listener); with
 * wrong ones startup stops, saying why and what to fix, without printing the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaSaslIT {

    private static final SecuredClusterDeploy GPUOPS = new SecuredClusterDeploy("sasl", SlackApiStub.start());
    private static SaslBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new SaslBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static ConfigurableApplicationContext run(String password) {
        return GPUOPS.run(broker.bootstrapServers(),
                "--gpuops.kafka.security.protocol=SASL_PLAINTEXT",
                "--gpuops.kafka.security.sasl-mechanism=PLAIN",
                "--gpuops.kafka.security.sasl-jaas-config=" + SaslBroker.jaas(SaslBroker.USER, password));
    }

    @Test
    void rightCredentialsCarryADeployThroughEveryClient() throws Exception {
        try (ConfigurableApplicationContext context = run(SaslBroker.PASSWORD)) {
            GPUOPS.assertDeployCarriedThroughEveryClient(context);
        }
    }

    @Test
    void wrongCredentialsStopStartupNamingTheCauseButNotThePassword(CapturedOutput output) {
        String wrong = "not-the-password-5d1e";
        assertThatThrownBy(() -> run(wrong).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SASL PLAIN authentication failed for user 'gpuops'")
                .hasMessageContaining("check KAFKA_SASL_JAAS_CONFIG")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(wrong));
        assertThat(output.getAll()).doesNotContain(wrong);
    }
}
