package dev.gpuops.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The monitor's metrics move with what it does, through the whole bot (in-process KRaft broker, sandbox Slack, a
 * sandbox SSH host as the target): probes counted by provider and verdict, the open-incident gauge up when the
 * host's programs crash and down after {@code /gpu resolve}, {@code /gpu status} showing the monitor's view, and the
 * incident commands counted by verb and outcome.
 * No label carries a target name or an incident id.
 */
@SpringBootTest(classes = GpuopsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"gpuops.kafka.bootstrap-servers=", "gpuops.slack.app-token="})
class MonitorMetricsIT {

    private static final SandboxSlack SLACK = SandboxSlack.builder()
            .signingSecret("monitor-metrics-" + UUID.randomUUID()).start();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static SandboxSshHost host;

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void configure(DynamicPropertyRegistry registry) throws IOException {
        Path dir = Files.createTempDirectory("monitor-metrics-it");
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        host = SandboxSshHost.builder().user("ubuntu").authorizedKey(keys)
                .program("fastapi", true, "/var/log/fastapi.log").start();
        Path targets = dir.resolve("targets.yaml");
        Files.writeString(targets, """
                targets:
                  metrics-box-7:
                    provider: ssh
                    channel: %s
                    environment: staging
                    ssh: { host: 127.0.0.1, port: %d, user: ubuntu, privateKey: "%s", knownHosts: "%s" }
                    supervisor: { socket: "%s", programs: [fastapi] }
                    monitor: { failAfter: 1, recoverAfter: 1, probeTimeout: 10s }
                """.formatted(SandboxSlack.GPU_OPS, host.port(), keys.privateKey(),
                host.writeKnownHosts(dir.resolve("known_hosts")), host.supervisorSocketUrl()));
        registry.add("gpuops.targets-file", targets::toString);
        registry.add("gpuops.slack.signing-secret", SLACK::signingSecret);
        registry.add("gpuops.slack.bot-token", SLACK::botToken);
        registry.add("gpuops.slack.api-url", SLACK::apiUrl);
        registry.add("gpuops.monitor-interval", () -> "1s");
        registry.add("gpuops.monitor-group-hold", () -> "0s");
    }

    @AfterAll
    static void stop() {
        SLACK.close();
        if (host != null) {
            host.close();
        }
    }

    @Test
    void probesIncidentsAndIncidentCommandsAreCountedWithBoundedLabels() {
        SLACK.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(scrape().sum(
                "gpuops_health_probes_total", Map.of("provider", "ssh", "result", "ok"))).isGreaterThanOrEqualTo(2));
        assertThat(scrape().sum("gpuops_incidents_open", Map.of())).isZero();

        host.fail("app-crash");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(scrape().sum(
                "gpuops_incidents_open", Map.of())).isEqualTo(1.0));
        assertThat(scrape().sum("gpuops_health_probes_total", Map.of("provider", "ssh", "result", "failing")))
                .isGreaterThanOrEqualTo(1.0);

        // /gpu status shows the monitor's view of the target
        assertThat(command("/gpu status metrics-box-7")).contains("accepted: status metrics-box-7");
        // the run's answer leads; its step checklist, with each step's note, is in the thread
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(SLACK.messages(SandboxSlack.GPU_OPS)
                .stream().filter(m -> m.text().contains("status metrics-box-7"))
                .flatMap(m -> SLACK.replies(m.channel(), m.ts()).stream())
                .map(m -> SLACK.latestText(m.channel(), m.ts())).toList())
                .anyMatch(t -> t.contains("monitor: failing since") && t.contains("fastapi FATAL")));

        String list = command("/gpu incidents");
        Matcher id = Pattern.compile("inc-\\d{8}-metrics-box-7").matcher(list);
        assertThat(id.find()).as(list).isTrue();
        assertThat(command("/gpu ack " + id.group())).contains("Acknowledged");
        assertThat(command("/gpu ack inc-20200101-nosuch")).doesNotContain("Acknowledged");
        assertThat(command("/gpu mute metrics-box-7 10m")).contains("Muted");
        assertThat(command("/gpu mute metrics-box-7 forever")).contains("Usage");
        assertThat(command("/gpu unmute metrics-box-7")).contains("Unmuted");
        assertThat(command("/gpu resolve " + id.group() + " fixed by hand")).contains("Resolved");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(scrape().sum(
                "gpuops_incidents_open", Map.of())).isZero());

        PrometheusScrape metrics = scrape();
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "incidents", "outcome", "answered")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "ack", "outcome", "answered")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "ack", "outcome", "rejected")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "mute", "outcome", "answered")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "mute", "outcome", "rejected")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "unmute", "outcome", "answered")))
                .isEqualTo(1.0);
        assertThat(metrics.sum("gpuops_commands_total", Map.of("verb", "resolve", "outcome", "answered")))
                .isEqualTo(1.0);
        assertThat(metrics.text()).doesNotContain("metrics-box-7").doesNotContain(id.group())
                .doesNotContain("nosuch").doesNotContain("forever");
    }

    private static String command(String text) {
        CommandResult result = SLACK.sendCommand(SandboxSlack.GPU_OPS, SandboxSlack.ONCALL_USER_ID, text);
        assertThat(result.status()).as(result.body()).isEqualTo(200);
        return result.body();
    }

    private PrometheusScrape scrape() {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString());
            return new PrometheusScrape(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
