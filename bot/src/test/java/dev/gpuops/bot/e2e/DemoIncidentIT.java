package dev.gpuops.bot.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.sandbox.SandboxInitializer;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The demo as a user sees it: {@code /gpu sandbox fail box-1 app-crash}, nobody types anything else, and the
 * monitor alerts, opens the incident channel with a diagnosis and tries one restart (box-1 is staging), which the
 * fault defeats, so it escalates; after {@code /gpu sandbox heal box-1} and a {@code /gpu restart box-1} the
 * incident resolves. Then the same for workers that poll nothing (box-1 declares runtime.queues): the second
 * incident of the day names the queue-pollers check and is diagnosed as missing pollers, not a crash.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DemoIncidentIT {

    private static final String OPS = SandboxSlack.GPU_OPS;

    @Autowired
    SandboxInitializer.Demo demo;

    @Test
    @Order(1)
    void anInjectedCrashBecomesAnIncidentThatEscalatesAndResolvesAfterTheFix() throws Exception {
        SandboxSlack slack = demo.slack().orElseThrow();
        CommandResult fail = slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu sandbox fail box-1 app-crash");
        assertThat(fail.status()).isEqualTo(200);

        SlackChannel channel = await(slack, "the incident channel", () -> slack.channels().stream()
                .filter(c -> c.name().equals("inc-" + java.time.format.DateTimeFormatter.BASIC_ISO_DATE
                        .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "-box-1")).findFirst());
        SlackMessage alert = await(slack, "the alert", () -> slack.messages(OPS).stream()
                .filter(m -> m.text().contains("box-1 is failing")).findFirst());
        assertThat(alert.text()).contains("FATAL");
        assertThat(slack.channel(channel.id()).orElseThrow().members()).contains("U0ONCALL02",
                SandboxSlack.ONCALL_USER_ID);
        String summaryTs = await(slack, "the pinned summary", () -> slack.pins(channel.id()).stream().findFirst());
        await(slack, "the escalation", () -> slack.messages(channel.id()).stream()
                .filter(m -> m.text().contains("escalated: still failing after automatic action")).findFirst());
        String summary = slack.latestText(channel.id(), summaryTs);
        assertThat(summary).containsPattern("\\*Automatic actions:\\* `r-[0-9a-z]{8}`");
        String diagnosed = await(slack, "the diagnosis", () -> Optional.of(slack.latestText(channel.id(), summaryTs))
                .filter(t -> t.contains("*Diagnosis:* `")));
        // box-1 declares task queues, which a crash leaves unpolled: the crash's cause is the diagnosis
        assertThat(diagnosed).contains("*Diagnosis:* `python-dependency-missing`");

        slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu sandbox heal box-1");
        slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu restart box-1");
        await(slack, "the resolve", () -> Optional.of(slack.latestText(channel.id(), summaryTs))
                .filter(t -> t.contains("*Resolved*")));
        await(slack, "the alert turned resolved", () -> Optional.of(slack.latestText(OPS, alert.ts()))
                .filter(t -> t.startsWith(":white_check_mark: *Resolved:*")));
        assertThat(slack.channels().stream().filter(c -> c.name().contains("-box-1"))).hasSize(1);
    }

    @Test
    @Order(2)
    void workersThatPollNothingOpenTheDaysSecondIncidentDiagnosedAsMissingPollers() throws Exception {
        SandboxSlack slack = demo.slack().orElseThrow();
        String name = "inc-" + java.time.format.DateTimeFormatter.BASIC_ISO_DATE
                .format(java.time.LocalDate.now(java.time.ZoneOffset.UTC)) + "-box-1-2";
        slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu sandbox fail box-1 pollers-missing");

        SlackMessage alert = await(slack, "the pollers alert", () -> slack.messages(OPS).stream()
                .filter(m -> m.text().contains("box-1 is failing") && m.text().contains("queue-pollers"))
                .findFirst());
        assertThat(alert.text()).contains("video-processing@").doesNotContain("FATAL");
        SlackChannel channel = await(slack, "the second incident channel", () -> slack.channels().stream()
                .filter(c -> c.name().equals(name)).findFirst());
        String summaryTs = await(slack, "its pinned summary", () -> slack.pins(channel.id()).stream().findFirst());
        await(slack, "the pollers diagnosis", () -> Optional.of(slack.latestText(channel.id(), summaryTs))
                .filter(t -> t.contains("*Diagnosis:* `no-queue-pollers`")));

        slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu sandbox heal box-1");
        slack.sendCommand(OPS, SandboxSlack.ONCALL_USER_ID, "/gpu restart box-1");
        await(slack, "the resolve", () -> Optional.of(slack.latestText(channel.id(), summaryTs))
                .filter(t -> t.contains("*Resolved*")));
    }

    private static <T> T await(SandboxSlack slack, String what, Supplier<Optional<T>> probe)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(150));
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(250);
        }
        throw new AssertionError("timed out waiting for " + what + "; channels: " + slack.channels()
                + "; #gpu-ops: " + slack.messages(OPS).stream().map(SlackMessage::text).toList());
    }
}
