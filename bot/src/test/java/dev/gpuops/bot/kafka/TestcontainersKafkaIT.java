package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.support.IngressITSupport;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.kafka.KafkaContainer;

/**
 * gpuops against a Kafka broker in its own container, as in production (a separate cluster, not the in-process one).
 * Needs a Docker engine: where there is none (as on the development machines) it is reported as skipped. Run it with
 * {@code ./mvnw -pl bot -am -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=TestcontainersKafkaIT verify}.
 */
@Testcontainers(disabledWithoutDocker = true)
class TestcontainersKafkaIT extends IngressITSupport {

    @Container
    static final KafkaContainer KAFKA = new KafkaContainer("apache/kafka:4.1.0");

    @DynamicPropertySource
    static void kafka(DynamicPropertyRegistry registry) {
        registry.add("gpuops.kafka.bootstrap-servers", KAFKA::getBootstrapServers);
    }

    @Test
    void commandsAreQueuedOnTheExternalClusterAndHealthSaysSo() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200));
        assertThat(json(get("/actuator/health")).path("components").path("kafka").path("details")
                .path("embedded").asBoolean()).isFalse();

        var before = commands.endOffsets();
        HttpResponse<String> queued = slack("restart box-1 worker-gpu");
        assertThat(queued.statusCode()).isEqualTo(200);
        assertThat(queued.body()).contains("queued");
        assertThat(commands.readSince(before)).anySatisfy(record -> assertThat(record.key()).isEqualTo("box-1"));
    }
}
