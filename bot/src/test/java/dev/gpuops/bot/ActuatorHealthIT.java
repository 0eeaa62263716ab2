package dev.gpuops.bot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.support.IngressITSupport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ActuatorHealthIT extends IngressITSupport {

    @Test
    void healthIsUpOnceKafkaListenersAndSlackAreReady() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var response = get("/actuator/health");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(json(response).path("status").asString()).isEqualTo("UP");
        });
        JsonNode components = json(get("/actuator/health")).path("components");
        assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("kafka").path("details").path("embedded").asBoolean()).isTrue();
        assertThat(components.path("kafkaListeners").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("kafkaListeners").path("details").path("containers").has("gpuops-bot-runs"))
                .isTrue();
        assertThat(components.path("slack").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("slack").path("details").path("team").asString()).isEqualTo("gpuops-test");
        assertThat(components.toString()).doesNotContain("xoxb-").doesNotContain(SIGNING_SECRET);
    }
}
