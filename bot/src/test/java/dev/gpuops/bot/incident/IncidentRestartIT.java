package dev.gpuops.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.event.CheckResult;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.monitor.IncidentBook;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A bot that restarts in the middle of an incident, on a real (embedded KRaft) broker and the sandbox Slack: the
 * restarted notifier knows nothing in memory, reads where the incident is in Slack from
 * {@code gpuops.incident-slack}, and carries on in the same channel, summary and alert; and the channel is archived
 * {@code GPUOPS_INCIDENT_ARCHIVE_AFTER} after the resolve, on a schedule that survives restarts too.
 */
class IncidentRestartIT {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private EmbeddedKafkaKraftBroker broker;
    private SandboxSlack sandbox;
    private Slack slack;
    private IncidentSlack calls;
    private Targets targets;
    private final IncidentBook book = new IncidentBook();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 3, KafkaIncidentPlaces.TOPIC);
        broker.afterPropertiesSet();
        sandbox = SandboxSlack.start();
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(sandbox.apiUrl());
        slack = Slack.getInstance(config);
        calls = new IncidentSlack(slack.methods(sandbox.botToken()), d -> Thread.sleep(d.toMillis()));
        targets = Targets.of(new Target("box-1", "ssh", SandboxSlack.GPU_OPS, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, List.of("U0ONCALL02"), null));
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : closing.reversed()) {
            c.close();
        }
        slack.close();
        sandbox.close();
        broker.destroy();
    }

    /** What a freshly started bot has: nothing in memory, the places on Kafka. */
    private KafkaIncidentPlaces places() {
        KafkaIncidentPlaces places = new KafkaIncidentPlaces(broker.getBrokersAsString(), java.util.Map.of(),
                Duration.ofSeconds(15)).start();
        closing.add(places);
        return places;
    }

    private IncidentNotifier notifier(IncidentPlaces places) {
        return new IncidentNotifier(calls, new IncidentChannels(calls, targets, List.of("U0ONCALL01")), places);
    }

    private void restart(KafkaIncidentPlaces places) {
        places.close();
        closing.remove(places);
    }

    private IncidentOpened open() {
        return book.open("box-1", "ssh", SandboxSlack.GPU_OPS, List.of("box-1"),
                List.of(CheckResult.failing("supervisor-programs", "worker-gpu FATAL (Exited too quickly)")),
                T0.minusSeconds(60), T0);
    }

    private List<SlackChannel> incidentChannels() {
        return sandbox.channels().stream().filter(c -> c.name().startsWith("inc-")).toList();
    }

    @Test
    void aRestartedBotUpdatesTheSameChannelSummaryAndAlert() {
        KafkaIncidentPlaces first = places();
        IncidentOpened opened = open();
        notifier(first).accept(opened);
        Incident diagnosing = book.diagnosing(opened.incident(), "r-diag0001", T0.plusSeconds(1)).incident();
        notifier(first).accept(book.update(diagnosing, "automatic restart r-fix00001 of worker-gpu",
                T0.plusSeconds(2)));
        SlackChannel channel = incidentChannels().getFirst();
        String summaryTs = sandbox.pins(channel.id()).getFirst();
        String alertTs = sandbox.messages(SandboxSlack.GPU_OPS).getFirst().ts();
        int postedBefore = sandbox.messages(channel.id()).size();
        restart(first);

        IncidentNotifier restarted = notifier(places());
        restarted.accept(opened); // a redelivery of the open: nothing new
        restarted.accept(new FailureDiagnosed("e-d", T0.plusSeconds(5), "box-1", "r-diag0001", "verdict",
                "supervisor-fatal", 0.9, "the program exits right after start", "read its log; /gpu restart box-1",
                List.of("worker-gpu FATAL Exited too quickly"), null));
        Incident current = book.find(opened.incident().id()).orElseThrow();
        restarted.accept(book.acknowledge(current.id(), "U0ONCALL01", T0.plusSeconds(30)));
        restarted.accept(book.resolve(current.id(), "monitor", null, T0.plusSeconds(240)));

        assertThat(incidentChannels()).singleElement().extracting(SlackChannel::id).isEqualTo(channel.id());
        assertThat(sandbox.messages(SandboxSlack.GPU_OPS)).singleElement().extracting(SlackMessage::ts)
                .isEqualTo(alertTs);
        assertThat(sandbox.latestText(SandboxSlack.GPU_OPS, alertTs)).startsWith(":white_check_mark: *Resolved:*");
        assertThat(sandbox.pins(channel.id())).containsExactly(summaryTs);
        assertThat(sandbox.latestText(channel.id(), summaryTs)).contains("`supervisor-fatal`")
                .contains("*Resolved* at 10:04:00 UTC by the monitor").contains("*Acknowledged by* <@U0ONCALL01>");
        List<String> after = sandbox.messages(channel.id()).stream().skip(postedBefore).map(SlackMessage::text)
                .toList();
        assertThat(after).as("only what happened after the restart is posted, once").hasSize(3)
                .anyMatch(t -> t.contains("diagnosis: `supervisor-fatal`"))
                .anyMatch(t -> t.contains("acknowledged by <@U0ONCALL01>"))
                .anyMatch(t -> t.contains("recovered: every check passes again"));
        assertThat(sandbox.messages(channel.id()).stream().filter(m -> m.text().contains("automatic restart")))
                .hasSize(1);
    }

    @Test
    void theChannelIsArchivedArchiveAfterTheResolveEvenAcrossARestart() {
        KafkaIncidentPlaces first = places();
        IncidentOpened opened = open();
        notifier(first).accept(opened);
        notifier(first).accept(book.resolve(opened.incident().id(), "U0ONCALL01", "fixed the config",
                T0.plusSeconds(120)));
        SlackChannel channel = incidentChannels().getFirst();
        Duration after = Duration.ofHours(24);
        Instant resolved = T0.plusSeconds(120);
        assertThat(archiver(first, resolved.plus(after).minusSeconds(1)).sweep()).isZero();
        restart(first);

        KafkaIncidentPlaces second = places();
        assertThat(archiver(second, resolved.plus(after).minusSeconds(1)).sweep()).isZero();
        assertThat(sandbox.archived(channel.id())).isFalse();
        assertThat(archiver(second, resolved.plus(after)).sweep()).isEqualTo(1);
        assertThat(sandbox.archived(channel.id())).isTrue();
        restart(second);

        KafkaIncidentPlaces third = places();
        assertThat(third.find(opened.incident().id()).orElseThrow().archivedAt()).isEqualTo(resolved.plus(after));
        assertThat(archiver(third, resolved.plus(after).plusSeconds(60)).sweep()).as("archived once").isZero();
        assertThat(sandbox.calls("conversations.archive")).hasSize(1);
    }

    @Test
    void openIncidentsAreNeverArchived() {
        KafkaIncidentPlaces places = places();
        notifier(places).accept(open());
        assertThat(archiver(places, T0.plus(Duration.ofDays(30))).sweep()).isZero();
        assertThat(sandbox.archived(incidentChannels().getFirst().id())).isFalse();
    }

    private IncidentArchiver archiver(IncidentPlaces places, Instant now) {
        return new IncidentArchiver(places, calls, Duration.ofHours(24), Clock.fixed(now, ZoneOffset.UTC),
                id -> true);
    }
}
