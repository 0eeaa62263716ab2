package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.github.WebhookSignature;
import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.event.EventJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 8 §7: gpuops against a broker that requires SASL/PLAIN. With the right credentials a GitHub deploy goes
 * through every client (ingress producer, handlers' consumer and runs producer, the bot's runs listener); with
 * wrong ones startup stops, saying why and what to fix, without printing the password.
 */
@ExtendWith(OutputCaptureExtension.class)
class KafkaSaslIT {

    private static final String GITHUB_SECRET = "sasl-it-github-secret";
    private static final SlackApiStub SLACK_API = SlackApiStub.start();
    private static SaslBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new SaslBroker();
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    /** Command-line arguments, so they win over application.yaml's environment placeholders. */
    private static ConfigurableApplicationContext run(String password) {
        return new SpringApplicationBuilder(GpuopsApplication.class).run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--gpuops.targets-file=src/test/resources/targets.yaml",
                "--gpuops.slack.signing-secret=sasl-it-signing-secret",
                "--gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "--gpuops.slack.api-url=" + SLACK_API.baseUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.github.webhook-secret=" + GITHUB_SECRET,
                "--gpuops.kafka.bootstrap-servers=" + broker.bootstrapServers(),
                "--gpuops.kafka.security.protocol=SASL_PLAINTEXT",
                "--gpuops.kafka.security.sasl-mechanism=PLAIN",
                "--gpuops.kafka.security.sasl-jaas-config=" + SaslBroker.jaas(SaslBroker.USER, password));
    }

    @Test
    void rightCredentialsCarryADeployThroughEveryClient() throws Exception {
        try (ConfigurableApplicationContext context = run(SaslBroker.PASSWORD)) {
            int port = ((WebServerApplicationContext) context).getWebServer().getPort();
            HttpResponse<String> response = deliverDeploy(port);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            String runId = EventJson.mapper().readTree(response.body()).path("runs").get(0).path("runId").asString();

            RunsView runs = context.getBean(RunsView.class);
            Optional<RunSummary> seen = awaitHandled(runs, runId);
            // "requested" is set by ingress itself; anything else came back from the handlers over gpuops.runs
            assertThat(seen).as("run %s as seen by the bot's runs listener", runId).isPresent();
            assertThat(seen.get().state()).isNotEqualTo("requested");
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

    private static HttpResponse<String> deliverDeploy(int port) throws IOException, InterruptedException {
        byte[] body = ("""
                {"action":"completed","workflow":{"name":"Build and Push to GHCR"},
                 "workflow_run":{"id":%d,"name":"Build and Push to GHCR","head_branch":"main","event":"push",
                   "conclusion":"success","run_attempt":1,"head_repository":{"full_name":"acme/image-server"}},
                 "repository":{"full_name":"acme/image-server","default_branch":"main"},
                 "sender":{"login":"octocat"}}
                """.formatted(System.nanoTime())).getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/github/webhook"))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                .header("X-GitHub-Event", "workflow_run").header("X-GitHub-Delivery", UUID.randomUUID().toString())
                .header("X-Hub-Signature-256", new WebhookSignature(GITHUB_SECRET).sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    /** Polls the bot's read model until the handlers' first event for the run arrived (bounded, not timed). */
    private static Optional<RunSummary> awaitHandled(RunsView runs, String runId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
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
