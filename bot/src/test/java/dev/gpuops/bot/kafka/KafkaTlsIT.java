package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.bot.support.SlackApiStub;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8 §7: gpuops against a broker whose listener speaks TLS only. {@code KAFKA_SECURITY_PROTOCOL=SSL} with a
 * truststore holding the broker's certificate carries a GitHub deploy through every client; a truststore for
 * another cluster stops startup with a message naming the variable to fix, never the store password.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaTlsIT {

    private static final SecuredClusterDeploy GPUOPS = new SecuredClusterDeploy("tls", SlackApiStub.start());
    @TempDir
    static Path dir;
    private static TlsBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = new TlsBroker(dir);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    private static ConfigurableApplicationContext run(Path truststore) {
        return GPUOPS.run(broker.bootstrapServers(),
                "--gpuops.kafka.security.protocol=SSL",
                "--gpuops.kafka.security.truststore-location=" + truststore,
                "--gpuops.kafka.security.truststore-password=" + TlsBroker.PASSWORD,
                "--gpuops.kafka.security.truststore-type=PKCS12");
    }

    @Test
    void theBrokersTruststoreCarriesADeployThroughEveryClient() throws Exception {
        try (ConfigurableApplicationContext context = run(broker.truststore())) {
            GPUOPS.assertDeployCarriedThroughEveryClient(context);
        }
    }

    @Test
    void aTruststoreForAnotherClusterStopsStartupNamingTheVariable(CapturedOutput output) {
        assertThatThrownBy(() -> run(broker.strangerTruststore()).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("The TLS handshake with Kafka failed")
                .hasMessageContaining("KAFKA_SSL_TRUSTSTORE_LOCATION (" + broker.strangerTruststore() + ")")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TlsBroker.PASSWORD));
        assertThat(output.getAll()).doesNotContain(TlsBroker.PASSWORD);
    }
}
