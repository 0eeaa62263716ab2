package dev.gpuops.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.event.EventJson;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import tools.jackson.databind.JsonNode;

/**
 * {@code /actuator/health/readiness} as Kubernetes probes it, against real parts: a KRaft broker that this test can
 * stop, and the sandbox Slack whose {@code auth.test} can be made to fail. Readiness is UP only while both are fine,
 * DOWN while either is not, and OUT_OF_SERVICE once shutdown begins (probed over HTTP while the context closes),
 * while liveness stays UP throughout: a pod that cannot reach Kafka is taken out of the Service, not restarted.
 */
class ReadinessIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private EmbeddedKafkaKraftBroker broker;
    private boolean brokerRunning;
    private SandboxSlack slack;

    @BeforeEach
    void startBrokerAndSlack() {
        broker = new EmbeddedKafkaKraftBroker(1, 1);
        broker.afterPropertiesSet();
        brokerRunning = true;
        slack = SandboxSlack.start();
    }

    @AfterEach
    void stop() {
        slack.close();
        stopBroker();
    }

    private void stopBroker() {
        if (brokerRunning) {
            brokerRunning = false;
            broker.destroy();
        }
    }

    @Test
    void downWhileSlackRejectsTheTokenAndOutOfServiceOnceShutdownBegins() {
        AtomicReference<HttpResponse<String>> duringShutdown = new AtomicReference<>();
        ConfigurableApplicationContext app = run(event -> duringShutdown.set(
                get(port(event.getApplicationContext()), "/actuator/health/readiness")));
        try {
            int port = port(app);
            awaitReadiness(port, 200);

            slack.failNext("auth.test", 1_000, "invalid_auth");
            JsonNode down = awaitReadiness(port, 503);
            assertThat(down.path("status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/slack/status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/slack/details/error").asString()).contains("invalid_auth");
            assertThat(down.at("/components/kafka/status").asString()).isEqualTo("UP");
            assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);

            slack.heal();
            awaitReadiness(port, 200);
        } finally {
            app.close();
        }
        HttpResponse<String> probed = duringShutdown.get();
        assertThat(probed).as("the readiness probe while the context closed").isNotNull();
        assertThat(probed.statusCode()).as(probed.body()).isEqualTo(503);
        assertThat(EventJson.mapper().readTree(probed.body()).path("status").asString()).isEqualTo("OUT_OF_SERVICE");
    }

    @Test
    void downWhileKafkaIsUnreachable() {
        // with the broker gone the Kafka listener containers cannot stop, and closing would wait application.yaml's
        // 40 s per shutdown phase for them; with this test's 1 s grace, 2 s is "grace + a margin" as that file says
        try (ConfigurableApplicationContext app = run(event -> { },
                "--spring.lifecycle.timeout-per-shutdown-phase=2s")) {
            int port = port(app);
            awaitReadiness(port, 200);

            stopBroker();

            JsonNode down = awaitReadiness(port, 503);
            assertThat(down.path("status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/kafka/status").asString()).isEqualTo("DOWN");
            assertThat(down.at("/components/slack/status").asString()).isEqualTo("UP");
            assertThat(get(port, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        }
    }

    /** Command-line arguments, so they win over application.yaml's environment placeholders. */
    private ConfigurableApplicationContext run(ApplicationListener<ContextClosedEvent> onClose, String... more) {
        String[] common = {
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--gpuops.targets-file=src/test/resources/targets.yaml",
                "--gpuops.kafka.bootstrap-servers=" + broker.getBrokersAsString(),
                "--gpuops.slack.signing-secret=" + slack.signingSecret(),
                "--gpuops.slack.bot-token=" + slack.botToken(),
                "--gpuops.slack.api-url=" + slack.apiUrl(),
                "--gpuops.slack.app-token=",
                // every probe asks Slack again, so a failing auth.test shows at once
                "--gpuops.slack.health-cache-ttl=0s",
                "--gpuops.shutdown-grace=1s",
                "--management.endpoint.health.show-details=always"};
        return new SpringApplicationBuilder(GpuopsApplication.class).listeners(onClose)
                .run(java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.Arrays.stream(more))
                        .toArray(String[]::new));
    }

    private static int port(org.springframework.context.ApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static JsonNode awaitReadiness(int port, int status) {
        AtomicReference<HttpResponse<String>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
            last.set(get(port, "/actuator/health/readiness"));
            assertThat(last.get().statusCode()).as(last.get().body()).isEqualTo(status);
        });
        return EventJson.mapper().readTree(last.get().body());
    }

    private static HttpResponse<String> get(int port, String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(15)).GET().build();
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
