package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Nobody types a command: a supervisor program on a real sshd + supervisord dies; the monitor (the whole bot, on
 * its in-process Kafka) sees it within interval × failAfter, opens one incident (alert in the target's channel,
 * incident channel with on-call invited and a pinned summary), diagnoses it, restarts the program once
 * ({@code remediate: { restart: once }}, staging), sees it healthy again and resolves the incident with its
 * durations.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MonitorOverRealSshIT {

    private static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static RealSshHost ssh;
    private static SandboxSlack slack;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        ssh = RealSshHost.start();
        slack = SandboxSlack.builder().start();
        Path targets = ssh.dir().resolve("targets.yaml");
        Files.writeString(targets, """
                targets:
                  box-1:
                    provider: ssh
                    channel: %s
                    environment: staging
                    ssh: { host: 127.0.0.1, port: %d, user: %s, privateKey: "%s", knownHosts: "%s" }
                    supervisor: { socket: "%s", programs: [fastapi, worker-cpu, worker-gpu] }
                    monitor: { failAfter: 2, recoverAfter: 1, probeTimeout: 10s }
                    oncall: [U0ONCALL02]
                    remediate: { restart: once }
                """.formatted(CHANNEL, ssh.port(), ssh.user(), ssh.privateKey(), ssh.knownHosts(),
                ssh.supervisorSocketUrl()));
        registry.add("gpuops.targets-file", targets::toString);
        registry.add("gpuops.slack.signing-secret", () -> SandboxSlack.DEFAULT_SIGNING_SECRET);
        registry.add("gpuops.slack.bot-token", () -> SandboxSlack.DEFAULT_BOT_TOKEN);
        registry.add("gpuops.slack.api-url", slack::apiUrl);
        registry.add("gpuops.monitor-interval", () -> "1s");
        registry.add("gpuops.monitor-group-hold", () -> "0s");
        registry.add("gpuops.incident.oncall", () -> SandboxSlack.ONCALL_USER_ID);
    }

    @AfterAll
    static void stop() {
        if (slack != null) {
            slack.close();
        }
        if (ssh != null) {
            ssh.close();
        }
    }

    @Test
    void aCrashedProgramBecomesOneIncidentIsRestartedOnceAndResolvesWithItsDurations() throws Exception {
        // let a few healthy probes pass: no incident while healthy
        Thread.sleep(3_000);
        assertThat(slack.channels()).noneMatch(c -> c.name().startsWith("inc-"));

        exec("kill -9 $(supervisorctl -s " + ssh.supervisorSocketUrl() + " pid worker-gpu)");

        SlackMessage alert = await("the alert", () -> slack.messages(CHANNEL).stream()
                .filter(m -> m.text().contains("box-1 is failing")).findFirst());
        assertThat(alert.text()).contains("worker-gpu EXITED").contains("inc-");
        SlackChannel incident = await("the incident channel", () -> slack.channels().stream()
                .filter(c -> c.name().startsWith("inc-")).findFirst());
        assertThat(incident.name()).matches("inc-\\d{8}-box-1");
        assertThat(slack.channel(incident.id()).orElseThrow().members()).contains(SandboxSlack.ONCALL_USER_ID,
                "U0ONCALL02");
        String summaryTs = await("a pinned summary", () -> slack.pins(incident.id()).stream().findFirst());

        await("the automatic restart to be linked", () -> Optional.of(slack.latestText(incident.id(), summaryTs))
                .filter(t -> t.matches("(?s).*\\*Automatic actions:\\* `r-[0-9a-z]{8}`.*")));
        String resolved = await("the resolved summary", () -> Optional.of(slack.latestText(incident.id(), summaryTs))
                .filter(t -> t.contains("*Resolved*")));
        assertThat(resolved).contains("by the monitor (recovered)").contains("*Duration*")
                .contains("*time to detect*").contains("*time to recover*");
        await("the diagnosis in the summary", () -> Optional.of(slack.latestText(incident.id(), summaryTs))
                .filter(t -> !t.contains("*Diagnosis:* running") && !t.contains("*Diagnosis:* not run")));
        await("the alert turned resolved", () -> Optional.of(slack.latestText(CHANNEL, alert.ts()))
                .filter(t -> t.startsWith(":white_check_mark: *Resolved:*")));
        assertThat(exec("supervisorctl -s " + ssh.supervisorSocketUrl() + " status worker-gpu")).contains("RUNNING");
        assertThat(slack.channels().stream().filter(c -> c.name().startsWith("inc-"))).hasSize(1);
        assertThat(slack.messages(CHANNEL).stream().filter(m -> m.text().contains("box-1 is failing")
                || m.text().contains("*Resolved:*"))).hasSize(1);
    }

    private static String exec(String command) throws Exception {
        try (SshConnector connector = new SshConnector(Duration.ofSeconds(10))) {
            ExecResult result = connector.session(ssh.endpoint()).exec(command);
            return result.stdout();
        }
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; channels: " + slack.channels()
                + "; alerts: " + slack.messages(CHANNEL));
    }
}
