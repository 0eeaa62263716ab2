package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.app_backend.SlackSignature;
import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.github.WebhookSignature;
import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.event.EventJson;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The bot pointed at a Kafka that is not there: users are told their command was not taken (never "queued"), and
 * GitHub gets a 503 it can redeliver. Slack's Web API is a stub here.
 */
@SpringBootTest(classes = GpuopsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gpuops.targets-file=src/test/resources/targets.yaml",
                "gpuops.slack.signing-secret=" + KafkaDownIT.SECRET,
                "gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "gpuops.github.webhook-secret=" + KafkaDownIT.SECRET,
                "spring.kafka.admin.auto-create=false",
                "spring.kafka.listener.auto-startup=false"})
class KafkaDownIT {

    static final String SECRET = "kafka-down-secret";
    private static final SlackApiStub SLACK_API = SlackApiStub.start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void deadBroker(DynamicPropertyRegistry registry) throws IOException {
        int deadPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            deadPort = socket.getLocalPort();
        }
        String address = "127.0.0.1:" + deadPort;
        registry.add("gpuops.kafka.bootstrap-servers", () -> address);
        registry.add("gpuops.slack.api-url", SLACK_API::baseUrl);
    }

    @Test
    void slackUserIsToldNothingWasStartedAndMayRetry() throws Exception {
        String body = IngressITSupport.slashCommand("restart box-1 worker-gpu", IngressITSupport.newTriggerId());
        for (int attempt = 1; attempt <= 2; attempt++) {
            HttpResponse<String> response = slack(body);
            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode reply = EventJson.mapper().readTree(response.body());
            assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
            // the second attempt (same trigger id) is processed again, since the first took no effect
            assertThat(reply.path("text").asString()).as("attempt " + attempt)
                    .startsWith("Kafka did not accept the command within 2 s; nothing was started")
                    .doesNotContain("queued");
        }
    }

    @Test
    void githubGetsA503AndTheDeliveryIsNotRememberedAsSeen() throws Exception {
        String json = """
                {"action":"completed","workflow_run":{"name":"Build and Push to GHCR","head_branch":"main",
                 "conclusion":"success"},"repository":{"full_name":"acme/image-server"},"sender":{"login":"octocat"}}
                """;
        String delivery = UUID.randomUUID().toString();
        for (int attempt = 1; attempt <= 2; attempt++) {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            HttpResponse<String> response = send(HttpRequest.newBuilder(url("/github/webhook"))
                    .header("Content-Type", "application/json").header("X-GitHub-Event", "workflow_run")
                    .header("X-GitHub-Delivery", delivery)
                    .header("X-Hub-Signature-256", new WebhookSignature(SECRET).sign(body))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
            assertThat(response.statusCode()).as("attempt " + attempt + ": " + response.body()).isEqualTo(503);
        }
    }

    private HttpResponse<String> slack(String body) throws Exception {
        String ts = Long.toString(Instant.now().getEpochSecond());
        return send(HttpRequest.newBuilder(url("/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new SlackSignature.Generator(SECRET).generate(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static HttpResponse<String> send(HttpRequest request) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }
}
