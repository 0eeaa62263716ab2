package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.bot.support.WorkflowRunWebhook;
import dev.gpuops.event.EventJson;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What {@link KafkaTlsIT} and {@link KafkaSaslIT} share: a whole gpuops started against a secured broker, and the
 * GitHub deploy that must travel through every client (ingress producer, handlers' consumer and runs producer, the
 * bot's runs listener) and come back as a run the handlers moved past "requested".
 */
final class SecuredClusterDeploy {

    private final String name;
    private final SlackApiStub slack;

    /** {@code name} makes the signing and webhook secrets of one IT distinct from another's. */
    SecuredClusterDeploy(String name, SlackApiStub slack) {
        this.name = name;
        this.slack = slack;
    }

    /**
     * Command-line arguments, so they win over application.yaml's environment placeholders. The deploy's image step
     * is still waiting when the test closes the context; a 1 s shutdown grace interrupts it at once instead of after
     * the default 30 s (the grace itself has its own tests).
     */
    ConfigurableApplicationContext run(String bootstrapServers, String... securityArgs) {
        String[] common = {
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.banner-mode=off",
                "--gpuops.targets-file=src/test/resources/targets.yaml",
                "--gpuops.slack.signing-secret=" + name + "-it-signing-secret",
                "--gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "--gpuops.slack.api-url=" + slack.baseUrl(),
                "--gpuops.slack.app-token=",
                "--gpuops.github.webhook-secret=" + githubSecret(),
                "--gpuops.shutdown-grace=1s",
                "--gpuops.kafka.bootstrap-servers=" + bootstrapServers};
        return new SpringApplicationBuilder(GpuopsApplication.class)
                .run(Stream.concat(Stream.of(common), Stream.of(securityArgs)).toArray(String[]::new));
    }

    /** Delivers a signed deploy and asserts that the handlers' first event for its run came back to the bot. */
    void assertDeployCarriedThroughEveryClient(ConfigurableApplicationContext context) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        HttpResponse<String> response = deliverDeploy(port);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String runId = EventJson.mapper().readTree(response.body()).path("runs").get(0).path("runId").asString();

        Optional<RunSummary> seen = awaitHandled(context.getBean(RunsView.class), runId);
        // "requested" is set by ingress itself; anything else came back from the handlers over gpuops.runs
        assertThat(seen).as("run %s as seen by the bot's runs listener", runId).isPresent();
        assertThat(seen.get().state()).isNotEqualTo("requested");
    }

    private String githubSecret() {
        return name + "-it-github-secret";
    }

    private HttpResponse<String> deliverDeploy(int port) throws Exception {
        return WorkflowRunWebhook.deliver(port, githubSecret(), UUID.randomUUID().toString(), System.nanoTime());
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
