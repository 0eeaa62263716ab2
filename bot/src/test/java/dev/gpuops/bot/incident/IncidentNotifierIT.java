package dev.gpuops.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.event.CheckResult;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.monitor.IncidentBook;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The incident flow against the sandbox Slack over HTTP with the real Slack SDK. */
class IncidentNotifierIT {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private SandboxSlack sandbox;
    private Slack slack;
    private IncidentNotifier notifier;
    private final IncidentBook book = new IncidentBook();

    @BeforeEach
    void start() {
        sandbox = SandboxSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.apiUrl());
        slack = Slack.getInstance(config);
        // really waits: the sandbox enforces Slack's ~1 message/s per channel, as Slack does
        IncidentSlack calls = new IncidentSlack(slack.methods(sandbox.botToken()), d -> {
            sleeps.add(d);
            Thread.sleep(d.toMillis());
        });
        Target box = new Target("box-1", "ssh", SandboxSlack.GPU_OPS, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, List.of("U0ONCALL02", "S0ONCALL01", "U0NOBODY1",
                SandboxSlack.BOT_USER_ID), null);
        notifier = new IncidentNotifier(calls, new IncidentChannels(calls, Targets.of(box), List.of("U0ONCALL01")));
    }

    @AfterEach
    void stop() throws Exception {
        slack.close();
        sandbox.close();
    }

    private IncidentEvent open() {
        return book.open("box-1", "ssh", SandboxSlack.GPU_OPS, List.of("box-1"),
                List.of(CheckResult.failing("supervisor-programs", "worker-gpu FATAL (Exited too quickly)")),
                T0.minusSeconds(60), T0);
    }

    private SlackChannel incidentChannel() {
        return sandbox.channels().stream().filter(c -> c.name().startsWith("inc-")).reduce((a, b) -> b)
                .orElseThrow();
    }

    @Test
    void anOpenedIncidentAlertsCreatesAChannelInvitesOncallAndPinsASummaryWithTheDiagnosis() {
        notifier.accept(open());

        SlackChannel channel = incidentChannel();
        assertThat(channel.name()).isEqualTo("inc-20261206-box-1");
        assertThat(channel.members()).contains("U0ONCALL01", "U0ONCALL02", SandboxSlack.BOT_USER_ID);
        assertThat(sandbox.topic(channel.id())).get().asString().startsWith("box-1 · open · since");
        List<SlackMessage> alert = sandbox.messages(SandboxSlack.GPU_OPS);
        assertThat(alert).singleElement().satisfies(m -> assertThat(m.text()).contains("box-1 is failing")
                .contains("worker-gpu FATAL").contains("<#" + channel.id() + ">"));
        List<SlackMessage> inChannel = sandbox.messages(channel.id());
        assertThat(sandbox.pins(channel.id())).singleElement().satisfies(ts -> assertThat(
                sandbox.latestText(channel.id(), ts)).startsWith("*Incident `inc-20261206-box-1` — box-1* · open"));
        String summaryTs = sandbox.pins(channel.id()).getFirst();
        assertThat(inChannel).anySatisfy(m -> assertThat(m.text()).contains("Could not invite <@U0NOBODY1>: "
                + "user_not_found"));
        assertThat(inChannel.getLast().text()).contains("box-1 failing: supervisor-programs");

        notifier.accept(book.diagnosing(book.find("inc-20261206-box-1").orElseThrow(), "r-diag0001", T0));
        assertThat(sandbox.latestText(channel.id(), summaryTs)).contains("*Diagnosis:* running (`r-diag0001`)");
        notifier.accept(new FailureDiagnosed("e-d", T0, "box-1", "r-diag0001", "verdict", "supervisor-fatal",
                0.9, "the program exits right after start", "read its log; fix the crash; /gpu restart box-1",
                List.of("worker-gpu FATAL Exited too quickly"), null));
        String summary = sandbox.latestText(channel.id(), summaryTs);
        assertThat(summary).contains("`supervisor-fatal`").contains("*Fix:* read its log");
    }

    @Test
    void resolvingShowsDurationsAndTurnsTheAlertResolved() {
        IncidentEvent opened = open();
        notifier.accept(opened);
        notifier.accept(book.acknowledge(opened.incident().id(), "U0ONCALL01", T0.plusSeconds(30)));
        notifier.accept(book.resolve(opened.incident().id(), "monitor", null, T0.plusSeconds(240)));

        SlackChannel channel = incidentChannel();
        String summaryTs = sandbox.pins(channel.id()).getFirst();
        assertThat(sandbox.latestText(channel.id(), summaryTs)).contains("*Resolved* at 10:04:00 UTC by the monitor")
                .contains("*Duration* 5m 0s").contains("*time to detect* 1m 0s").contains("*time to recover* 4m 0s")
                .contains("*Acknowledged by* <@U0ONCALL01>");
        String alertTs = sandbox.messages(SandboxSlack.GPU_OPS).getFirst().ts();
        assertThat(sandbox.latestText(SandboxSlack.GPU_OPS, alertTs)).startsWith(":white_check_mark: *Resolved:*");
        assertThat(sandbox.messages(channel.id())).extracting(SlackMessage::text)
                .anyMatch(t -> t.contains("acknowledged by <@U0ONCALL01>"))
                .anyMatch(t -> t.contains("recovered: every check passes again"));
    }

    @Test
    void aTakenNameGetsASuffixAndRateLimitsAreWaitedOut() {
        sandbox.createChannel("inc-20261206-box-1", SandboxSlack.ONCALL_USER_ID);
        sandbox.rateLimitNextCalls(2, Duration.ofSeconds(3), "conversations.create");
        notifier.accept(open());
        assertThat(incidentChannel().name()).isEqualTo("inc-20261206-box-1-2");
        assertThat(sleeps).contains(Duration.ofSeconds(3));
        assertThat(sandbox.messages(SandboxSlack.GPU_OPS)).hasSize(1);
    }

    @Test
    void channelNamesAreLowerCaseAndAtMost80Characters() {
        String name = IncidentChannels.channelName("inc-20261206-" + "Very-Long-Target".repeat(8), 3);
        assertThat(name).hasSize(80).endsWith("-3").isLowerCase();
    }

    @Test
    void whenNoChannelCanBeCreatedTheAlertStillGoesOut() {
        sandbox.failNext("conversations.create", 1, "restricted_action");
        notifier.accept(open());
        assertThat(sandbox.messages(SandboxSlack.GPU_OPS)).singleElement()
                .satisfies(m -> assertThat(m.text()).contains("No incident channel could be created"));
        Incident incident = book.find("inc-20261206-box-1").orElseThrow();
        notifier.accept(book.update(incident, "automatic restart r-1 of worker-gpu", T0.plusSeconds(5)));
        assertThat(sandbox.messages(SandboxSlack.GPU_OPS)).hasSize(2);
    }
}
