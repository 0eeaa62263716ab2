package dev.gpuops.bot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.app_backend.SlackSignature;
import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.sandbox.SandboxInitializer;
import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The startup matrix: real configuration without Slack credentials stops the process with a message naming what is
 * missing, before any broker or sandbox starts; the demo (nothing configured) signs with a secret made at start and
 * listens on loopback, so the constant in the sandbox's source opens nothing.
 */
class FailClosedStartupIT {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void realTargetsFileWithoutSlackCredentialsExitsNonZeroNamingThem() throws Exception {
        Path log = dir.resolve("bot.log");
        ProcessBuilder bot = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), GpuopsApplication.class.getName())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> env = bot.environment();
        env.keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("KAFKA_")
                || name.startsWith("GPUOPS_") || name.startsWith("AWS_") || name.endsWith("_API_KEY"));
        env.put("GPUOPS_TARGETS_FILE", Path.of("src/test/resources/targets.yaml").toAbsolutePath().toString());
        env.put("SERVER_PORT", "0");

        Process process = bot.start();
        boolean exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        String output = Files.readString(log);

        assertThat(exited).as("the process stops by itself; output:%n%s", output).isTrue();
        assertThat(process.exitValue()).isNotZero();
        assertThat(output).contains("gpuops will not start: GPUOPS_TARGETS_FILE is set, so this is a real "
                + "deployment, but SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN are missing");
        assertThat(output).as("nothing started before the refusal")
                .doesNotContain("in-process Kafka broker").doesNotContain("running the demo");
    }

    @Test
    void realKafkaWithoutSlackCredentialsIsRefusedInProcessToo() {
        assertThatThrownBy(() -> new SpringApplicationBuilder(GpuopsApplication.class)
                .web(WebApplicationType.NONE)
                .run("--gpuops.kafka.bootstrap-servers=127.0.0.1:1", "--gpuops.targets-file="))
                .isInstanceOf(MisconfigurationException.class)
                .hasMessageContaining("KAFKA_BOOTSTRAP_SERVERS is set")
                .hasMessageContaining("SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN and GPUOPS_TARGETS_FILE are missing");
    }

    @Test
    void demoSignsWithASecretMadeAtStartAndListensOnLoopback() throws Exception {
        Path secretFile = dir.resolve("demo-secret");
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(GpuopsApplication.class)
                .run("--server.port=0", "--spring.main.banner-mode=off",
                        "--gpuops.demo.secret-file=" + secretFile)) {
            String secret = demo.getEnvironment().getRequiredProperty("gpuops.slack.signing-secret");
            SandboxSlack slack = demo.getBean(SandboxInitializer.Demo.class).slack().orElseThrow();
            String port = demo.getEnvironment().getRequiredProperty("local.server.port");

            assertThat(demo.getEnvironment().getProperty(FailClosedInitializer.MODE_PROPERTY)).isEqualTo("DEMO");
            assertThat(secret).matches("[0-9a-f]{64}").isNotEqualTo(SandboxSlack.DEFAULT_SIGNING_SECRET)
                    .isEqualTo(slack.signingSecret());
            assertThat(demo.getEnvironment().getProperty("gpuops.slack.bot-token"))
                    .isNotEqualTo(SandboxSlack.DEFAULT_BOT_TOKEN);
            assertThat(demo.getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
            assertThat(Files.readString(secretFile)).isEqualTo(secret);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secretFile)))
                    .isEqualTo("rw-------");

            assertThat(help(port, SandboxSlack.DEFAULT_SIGNING_SECRET).statusCode())
                    .as("the constant in the sandbox's source opens nothing").isEqualTo(401);
            HttpResponse<String> signed = help(port, secret);
            assertThat(signed.statusCode()).isEqualTo(200);
            assertThat(signed.body()).contains("/gpu");
        }
    }

    @Test
    void serverAddressSetExplicitlyWinsInTheDemo() {
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(GpuopsApplication.class)
                .run("--server.port=0", "--server.address=0.0.0.0", "--spring.main.banner-mode=off")) {
            assertThat(demo.getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
        }
    }

    private static HttpResponse<String> help(String port, String secret) throws IOException, InterruptedException {
        String body = IngressITSupport.slashCommand("help", IngressITSupport.newTriggerId());
        String ts = Long.toString(Instant.now().getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/slack/events"))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", ts)
                .header("X-Slack-Signature", new SlackSignature.Generator(secret).generate(ts, body))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
