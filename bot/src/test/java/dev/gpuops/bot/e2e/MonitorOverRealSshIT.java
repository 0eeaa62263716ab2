package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.support.RealSshWorld;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
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

    private static final String CHANNEL = RealSshWorld.CHANNEL;
    private static RealSshWorld world;
    private static SandboxSlack slack;

    @Autowired
    MeterRegistry meters;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        world = RealSshWorld.start(() -> SandboxSlack.builder().start());
        slack = world.slack;
        world.registerMonitored(registry);
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aCrashedProgramBecomesOneIncidentIsRestartedOnceAndResolvesWithItsDurations() throws Exception {
        // a few healthy probes pass: no incident while healthy
        RealSshWorld.awaitHealthyProbes(meters, 3);
        assertThat(slack.channels()).noneMatch(c -> c.name().startsWith("inc-"));

        world.exec("kill -9 $(supervisorctl -s " + world.ssh.supervisorSocketUrl() + " pid worker-gpu)");

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
        assertThat(exec("supervisorctl -s " + world.ssh.supervisorSocketUrl() + " status worker-gpu")).contains("RUNNING");
        assertThat(slack.channels().stream().filter(c -> c.name().startsWith("inc-"))).hasSize(1);
        assertThat(slack.messages(CHANNEL).stream().filter(m -> m.text().contains("box-1 is failing")
                || m.text().contains("*Resolved:*"))).hasSize(1);
    }

    private static String exec(String command) throws Exception {
        return world.exec(command);
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        return RealSshWorld.await(what, Duration.ofSeconds(120), probe,
                () -> "channels: " + slack.channels() + "; alerts: " + slack.messages(CHANNEL));
    }
}
