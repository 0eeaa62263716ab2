package dev.gpuops.bot.support;

import com.slack.api.app_backend.SlackSignature;
import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.event.EventJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * One running bot shared by the ingress ITs: the in-process KRaft broker (no KAFKA_BOOTSTRAP_SERVERS), Bolt with a
 * bot token against {@link SlackApiStub}, the test targets file, and helpers to send signed Slack and GitHub requests.
 */
@SpringBootTest(classes = GpuopsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gpuops.kafka.bootstrap-servers=",
                "gpuops.targets-file=src/test/resources/targets.yaml",
                "gpuops.slack.signing-secret=" + IngressITSupport.SIGNING_SECRET,
                "gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "gpuops.slack.app-token=",
                "gpuops.github.webhook-secret=" + IngressITSupport.GITHUB_SECRET,
                // deploys queued by the GitHub ITs are still in a step when the next IT's context pauses this one
                // (its listeners stop): interrupt them at once instead of after the default 30 s grace
                "gpuops.shutdown-grace=1s",
                "management.endpoint.health.show-details=always"})
public abstract class IngressITSupport {

    public static final String SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
    public static final String GITHUB_SECRET = "test-github-webhook-secret";
    protected static final SlackApiStub SLACK_API = SlackApiStub.start();

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @LocalServerPort
    protected int port;

    @Autowired
    protected Environment environment;

    protected CommandsTopic commands;

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("gpuops.slack.api-url", SLACK_API::baseUrl);
    }

    @BeforeEach
    void openCommandsTopic() {
        commands = new CommandsTopic(environment.getRequiredProperty("spring.kafka.bootstrap-servers"));
    }

    @AfterEach
    void closeCommandsTopic() {
        commands.close();
    }

    /** A slash command body as Slack sends it (form fields in Slack's order). */
    public static String slashCommand(String text, String triggerId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "gIkuvaNzQIHg97ATvDxqgjtO");
        fields.put("team_id", "T0TEST");
        fields.put("team_domain", "acme");
        fields.put("channel_id", "C0OPS");
        fields.put("channel_name", "ops");
        fields.put("user_id", "U0ALICE");
        fields.put("user_name", "alice");
        fields.put("command", "/gpu");
        fields.put("text", text);
        fields.put("api_app_id", "A0GPU");
        fields.put("is_enterprise_install", "false");
        fields.put("response_url", "https://hooks.slack.com/commands/T0TEST/1/abc");
        fields.put("trigger_id", triggerId);
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    public static String newTriggerId() {
        return "13345224609." + UUID.randomUUID().toString().replace("-", "");
    }

    /** Signed with Bolt's own signature generator, independent of the bot's verification code. */
    protected HttpResponse<String> postSlack(String body, Instant timestamp, String secret, Map<String, String> extra) {
        String ts = Long.toString(timestamp.getEpochSecond());
        String signature = new SlackSignature.Generator(secret).generate(ts, body);
        Map<String, String> headers = new LinkedHashMap<>(Map.of(
                "X-Slack-Request-Timestamp", ts, "X-Slack-Signature", signature));
        headers.putAll(extra);
        return post("/slack/events", "application/x-www-form-urlencoded", body.getBytes(StandardCharsets.UTF_8),
                headers);
    }

    protected HttpResponse<String> slack(String text) {
        return postSlack(slashCommand(text, newTriggerId()), Instant.now(), SIGNING_SECRET, Map.of());
    }

    protected HttpResponse<String> post(String path, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    protected HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).GET().build());
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    protected static JsonNode json(HttpResponse<String> response) {
        return EventJson.mapper().readTree(response.body());
    }
}
