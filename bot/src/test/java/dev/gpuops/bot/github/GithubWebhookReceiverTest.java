package dev.gpuops.bot.github;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.dedupe.DedupeHistory;
import dev.gpuops.bot.dedupe.DurableDedupe;
import dev.gpuops.bot.wiring.EngineTargetDirectory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The paths that never reach Kafka; the publishing paths run against a real broker in GithubWebhookIT. */
class GithubWebhookReceiverTest {

    // never contacted: every case here stops before publishing
    private final CommandPublisher publisher = new CommandPublisher(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9"),
            new GpuopsKafkaProperties("127.0.0.1:9", 1, Duration.ofSeconds(2)));

    @AfterEach
    void closePublisher() {
        publisher.destroy();
    }

    private GithubWebhookReceiver receiver(String secret) {
        Clock clock = Clock.systemUTC();
        return new GithubWebhookReceiver(new WebhookSignature(secret), new GithubEventTranslator(
                EngineTargetDirectory.load(Path.of("src/test/resources/targets.yaml")), clock), publisher,
                new RunsView(10), new DurableDedupe("github", new MockProducer<>(true, null, new StringSerializer(),
                new StringSerializer()), DedupeHistory.EMPTY, clock, Duration.ofDays(4), 100, Duration.ofSeconds(1)));
    }

    @Test
    void withoutAConfiguredSecretEveryDeliveryIsRefused() {
        byte[] body = "{\"zen\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        WebhookOutcome outcome = receiver("").receive("ping", "d-1",
                new WebhookSignature("anything").sign(body), "application/json", body);
        assertThat(outcome.status()).isEqualTo(401);
        assertThat(outcome.body().get("detail").toString()).contains("not configured");
    }

    @Test
    void missingEventHeaderIsABadRequest() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(receiver("s").receive(null, "d-1", new WebhookSignature("s").sign(body), "application/json", body)
                .status()).isEqualTo(400);
    }

    @Test
    void deliveryWithoutADeliveryIdIsABadRequest() {
        byte[] body = "{\"action\":\"completed\"}".getBytes(StandardCharsets.UTF_8);
        WebhookOutcome outcome = receiver("s").receive("workflow_run", null, new WebhookSignature("s").sign(body),
                "application/json", body);
        assertThat(outcome.status()).isEqualTo(400);
        assertThat(outcome.body().get("detail").toString()).contains("X-GitHub-Delivery");
    }

    @Test
    void aRejectedDeliveryIsNotRememberedSoAFixedRedeliveryIsProcessed() {
        GithubWebhookReceiver receiver = receiver("s");
        byte[] broken = "{".getBytes(StandardCharsets.UTF_8);
        byte[] fixed = "{\"action\":\"opened\"}".getBytes(StandardCharsets.UTF_8);
        WebhookSignature signer = new WebhookSignature("s");
        assertThat(receiver.receive("issues", "d-7", signer.sign(broken), "application/json", broken).status())
                .isEqualTo(400);
        assertThat(receiver.receive("issues", "d-7", signer.sign(fixed), "application/json", fixed).status())
                .isEqualTo(202);
        assertThat(receiver.receive("issues", "d-7", signer.sign(fixed), "application/json", fixed).body())
                .containsEntry("status", "duplicate delivery");
    }

    @Test
    void decodesFormBodiesAndRefusesOtherShapes() {
        byte[] form = ("payload=" + URLEncoder.encode("{\"action\":\"completed\"}", StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
        assertThat(GithubWebhookReceiver.decode("application/x-www-form-urlencoded", form).path("action").asString())
                .isEqualTo("completed");
        assertThatThrownBy(() -> GithubWebhookReceiver.decode("application/x-www-form-urlencoded",
                "other=1".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("no 'payload' field");
        assertThatThrownBy(() -> GithubWebhookReceiver.decode("application/json",
                "\"text\"".getBytes(StandardCharsets.UTF_8))).hasMessageContaining("not a JSON object");
    }
}
