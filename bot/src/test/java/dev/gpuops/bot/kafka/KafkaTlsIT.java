package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.github.WebhookSignature;
import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.event.EventJson;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8 §7: gpuops against a broker whose listener speaks TLS only. {@code KAFKA_SECURITY_PROTOCOL=SSL} with a
 * truststore holding the broker's certificate carries a GitHub deploy through every client; a truststore for
 * another cluster stops startup with a message naming the variable to fix, never the store password.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaTlsIT {

    private static final String GITHUB_SECRET = "tls-it-github-secret";
    private static final SlackApiStub SLACK_API = SlackApiStub.start();
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

    /** Command-line arguments, so they win over application.yaml's environment placeholders. */
    private static ConfigurableApplicationContext run(Path truststore) {
        return new SpringApplicationBuilder(GpuopsApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--gpuops.targets-file=src/test/resources/targets.yaml",
                "--gpuops.slack.signing-secret=tls-it-signing-secret",
                "--gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "--gpuops.slack.api-url=" + SLACK_API.baseUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.github.webhook-secret=" + GITHUB_SECRET,
                "--gpuops.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--gpuops.kafka.security.protocol=SSL",
                "--gpuops.kafka.security.truststore-location=" + truststore,
                "--gpuops.kafka.security.truststore-password=" + TlsBroker.PASSWORD,
                "--gpuops.kafka.security.truststore-type=PKCS12");
    }

    @Test
    void theBrokersTruststoreCarriesADeployThroughEveryClient() throws Exception {
        try (ConfigurableApplicationContext context = run(broker.truststore())) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> response = deliverDeploy(port);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String runId = EventJson.mapper().readTree(response.body()).path("runs").get(0).path("runId").asString();

            Optional<RunSummary> seen = awaitHandled(context.getBean(RunsView.class), runId);
            // "requested" is set by ingress itself; anything else came back from the handlers over gpuops.runs
            assertThat(seen).as("run %s as seen by the bot's runs listener", runId).isPresent();
            assertThat(seen.get().state()).isNotEqualTo("requested");
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

    private static HttpResponse<String> deliverDeploy(int port) throws Exception {
        byte[] body = ("""
                {"action":"completed","workflow":{"name":"Build and Push to GHCR"},
                 "workflow_run":{"id":%d,"name":"Build and Push to GHCR","head_branch":"main","event":"push",
                   "conclusion":"success","run_attempt":1,"head_repository":{"full_name":"acme/image-server"}},
                 "repository":{"full_name":"acme/image-server","default_branch":"main"},
                 "sender":{"login":"octocat"}}
                """.formatted(System.nanoTime())).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GITHUB_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Polls the bot's read model until the handlers' first event for the run arrived (bounded, not timed). */
    private static Optional<RunSummary> awaitHandled(RunsView runs, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<RunSummary> run = runs.find(runId);
            if (run.isPresent() && !run.get().state().equals("requested")) {
                return run;
            }
            Thread.sleep(100);
        }
        return runs.find(runId).filter(run -> !run.state().equals("requested"));
    }
}
