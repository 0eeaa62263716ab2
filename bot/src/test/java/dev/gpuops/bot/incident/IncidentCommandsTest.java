package dev.gpuops.bot.incident;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.slack.Requester;
import dev.gpuops.bot.slack.SlackReply;
import dev.gpuops.event.CheckResult;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentAcknowledged;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.TargetMuted;
import dev.gpuops.event.TargetUnmuted;
import dev.gpuops.monitor.IncidentBook;
import dev.gpuops.monitor.MonitorSink;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IncidentCommandsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private final IncidentBook book = new IncidentBook();
    private final List<MonitorEvent> published = new ArrayList<>();
    private final Requester alice = new Requester("C0GPUOPS01", "U0ONCALL01", "alice", "1.2.abc");
    private IncidentCommands commands;

    @BeforeEach
    void setUp() {
        MonitorSink sink = new MonitorSink() {
            @Override
            public void publish(MonitorEvent event) {
                published.add(event);
            }

            @Override
            public void command(CommandReceived command) {
                throw new AssertionError("incident commands start no runs");
            }
        };
        Target box = new Target("box-1", "ssh", "C0GPUOPS01", null, null, null, null, null, null, null, null, null,
                null, null, null, null);
        commands = new IncidentCommands(book, sink, Targets.of(box), Clock.fixed(T0, ZoneOffset.UTC));
        book.open("box-1", "ssh", "C0GPUOPS01", List.of("box-1"),
                List.of(CheckResult.failing("supervisor-programs", "worker-gpu FATAL")), T0.minusSeconds(90), T0);
    }

    private String answer(String text) {
        SlackReply reply = commands.handle(text, alice).orElseThrow();
        assertThat(reply.inChannel()).isFalse();
        return reply.text();
    }

    @Test
    void listsOpenIncidents() {
        assertThat(answer("incidents")).contains("`inc-20261206-box-1` open · box-1");
    }

    @Test
    void acksAndResolvesWithClearErrorsForUnknownIdsAndSecondResolves() {
        assertThat(answer("ack inc-20261206-box-1")).isEqualTo("Acknowledged `inc-20261206-box-1`.");
        assertThat(published.getLast()).isInstanceOf(IncidentAcknowledged.class);
        assertThat(answer("resolve inc-20261206-box-1 rolled back to v41"))
                .isEqualTo("Resolved `inc-20261206-box-1`.");
        IncidentResolved resolved = (IncidentResolved) published.getLast();
        assertThat(resolved.note()).isEqualTo("rolled back to v41");
        assertThat(resolved.incident().status()).isEqualTo(Incident.Status.RESOLVED);
        assertThat(answer("resolve inc-20261206-box-1")).startsWith("cannot resolve inc-20261206-box-1: it was"
                + " already resolved at 2026-12-06T10:00:00Z by &lt;@U0ONCALL01&gt;");
        assertThat(answer("ack inc-20990101-nope")).isEqualTo("no incident inc-20990101-nope; `/gpu incidents` lists"
                + " the open ones");
        assertThat(answer("incidents")).isEqualTo("No open incidents.");
        assertThat(published).hasSize(2);
    }

    @Test
    void mutesAndUnmutesKnownTargets() {
        assertThat(answer("mute box-1 2h")).startsWith("Muted `box-1` until 2026-12-06T12:00:00Z");
        assertThat(published.getLast()).isEqualTo(new TargetMuted(published.getLast().eventId(), T0, "box-1",
                T0.plus(Duration.ofHours(2)), "U0ONCALL01"));
        assertThat(answer("unmute box-1")).startsWith("Unmuted `box-1`");
        assertThat(published.getLast()).isInstanceOf(TargetUnmuted.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "mute nope 2h|Unknown target `nope`. Known targets: box-1.",
            "unmute nope|Unknown target `nope`. Known targets: box-1.",
            "mute box-1 soon|`soon` is not a duration: expected a duration like 90s, 2m, 1h30m or PT5M.",
            "mute box-1 30d|mute for between 1s and 7d, not `30d`.",
            "mute box-1 0s|mute for between 1s and 7d, not `0s`.",
            "mute box-1|`mute` needs a target and a duration, e.g. `mute box-1 2h`.",
            "ack|`ack` needs exactly one incident id (see `incidents`).",
            "resolve|`resolve` needs an incident id (see `incidents`).",
            "incidents all|`incidents` takes no arguments.",
    })
    void badInputGetsAClearEphemeralErrorAndPublishesNothing(String text, String error) {
        assertThat(answer(text)).startsWith(error);
        assertThat(published).isEmpty();
    }

    @Test
    void otherCommandsAreLeftToTheRegularParser() {
        assertThat(commands.handle("restart box-1", alice)).isEmpty();
        assertThat(commands.handle("", alice)).isEmpty();
    }
}
