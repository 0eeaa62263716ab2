package dev.gpuops.bot.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.slack.ParsedCommand;
import dev.gpuops.bot.slack.SlackReply;
import dev.gpuops.event.Verb;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final CommandMetrics metrics = new CommandMetrics(registry);

    @Test
    void labelsComeFromClosedSetsNeverFromTheTypedText() {
        metrics.answered(new ParsedCommand.RunRequest(Verb.RESTART, "box-1", null, "worker", null, false),
                SlackReply.ephemeral("Run r-1 accepted: restart box-1 worker — its progress follows in this channel"));
        metrics.answered(new ParsedCommand.RunRequest(Verb.PURGE, "box-1", null, null, null, false),
                SlackReply.ephemeral("Refused: `purge box-1` needs operator permission on box-1"));
        metrics.answered(new ParsedCommand.RunRequest(Verb.DEPLOY, "box-1", "v1", null, null, false),
                SlackReply.notTaken("Kafka did not accept"));
        metrics.answered(new ParsedCommand.Rejected("unknown verb 'frobnicate'", null),
                SlackReply.ephemeral("usage"));
        metrics.answered(new ParsedCommand.Help(), SlackReply.ephemeral("help"));
        metrics.answered(null, null);

        assertThat(count("restart", "queued")).isEqualTo(1.0);
        assertThat(count("deploy", "not_taken")).isEqualTo(1.0);
        assertThat(count("purge", "refused")).isEqualTo(1.0);
        assertThat(count("invalid", "rejected")).isEqualTo(1.0);
        assertThat(count("help", "answered")).isEqualTo(1.0);
        assertThat(count("unknown", "error")).isEqualTo(1.0);
        List<String> tagValues = registry.getMeters().stream()
                .flatMap(m -> m.getId().getTags().stream()).map(t -> t.getValue()).toList();
        assertThat(tagValues).noneMatch(v -> v.contains("frobnicate") || v.contains("box-1"));
    }

    @Test
    void incidentCommandsAreCountedByVerbAndOutcome() {
        metrics.incidentAnswered("ack", SlackReply.ephemeral("Acknowledged `inc-20261206-box-1`."));
        metrics.incidentAnswered("ack", SlackReply.ephemeral("Unknown incident `inc-x`; open incidents: none"));
        metrics.incidentAnswered("mute", SlackReply.ephemeral("Refused: `mute box-1` needs operator permission"));
        metrics.incidentAnswered("incidents", SlackReply.ephemeral("No open incidents."));
        metrics.incidentAnswered("resolve", null);
        metrics.incidentAnswered("frobnicate", SlackReply.ephemeral("?"));

        assertThat(count("ack", "answered")).isEqualTo(1.0);
        assertThat(count("ack", "rejected")).isEqualTo(1.0);
        assertThat(count("mute", "refused")).isEqualTo(1.0);
        assertThat(count("incidents", "answered")).isEqualTo(1.0);
        assertThat(count("resolve", "error")).isEqualTo(1.0);
        assertThat(count("invalid", "rejected")).isEqualTo(1.0);
        assertThat(registry.getMeters().stream().flatMap(m -> m.getId().getTags().stream()).map(t -> t.getValue()))
                .noneMatch(v -> v.contains("inc-") || v.contains("box-1") || v.contains("frobnicate"));
    }

    @Test
    void slackStatusShowsRateLimitsAndErrorsApart() {
        assertThat(SlackApiCallMeter.status(429, null)).isEqualTo("ratelimited");
        assertThat(SlackApiCallMeter.status(200, "{\"ok\":false,\"error\":\"channel_not_found\"}")).isEqualTo("error");
        assertThat(SlackApiCallMeter.status(200, "{\"ok\":true}")).isEqualTo("ok");
        assertThat(SlackApiCallMeter.status(503, "")).isEqualTo("http_503");
        assertThat(SlackApiCallMeter.method(List.of("api", "chat.postMessage"))).isEqualTo("chat.postMessage");
        assertThat(SlackApiCallMeter.method(List.of("api", "../etc/passwd"))).isEqualTo("other");
    }

    private double count(String verb, String outcome) {
        var counter = registry.find("gpuops.commands").tags("verb", verb, "outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }
}
