package dev.gpuops.bot.github;

import static dev.gpuops.bot.github.GithubPayloads.registryPackage;
import static dev.gpuops.bot.github.GithubPayloads.workflowRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed GitHub deliveries through Tomcat onto the real in-process broker. */
class GithubWebhookIT extends IngressITSupport {

    private static final String WORKFLOW = "Build and Push to GHCR";
    private static final WebhookSignature SIGNER = new WebhookSignature(GITHUB_SECRET);

    private HttpResponse<String> deliver(String event, String delivery, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        return post("/github/webhook", "application/json", body, Map.of("X-GitHub-Event", event,
                "X-GitHub-Delivery", delivery, "X-Hub-Signature-256", SIGNER.sign(body),
                "User-Agent", "GitHub-Hookshot/044aadd"));
    }

    private List<CommandReceived> written(Map<TopicPartition, Long> before) {
        return commands.readSince(before).stream().map(ConsumerRecord::value)
                .map(value -> (CommandReceived) EventJson.read(value)).toList();
    }

    @Test
    void successfulWorkflowRunDeploysOnlyTheSubscribedTarget() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        String delivery = UUID.randomUUID().toString();
        HttpResponse<String> response = deliver("workflow_run", delivery,
                workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main"));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<ConsumerRecord<String, byte[]>> records = commands.readSince(before);
        assertThat(records).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("box-1");
            CommandReceived deploy = (CommandReceived) EventJson.read(record.value());
            assertThat(deploy.verb()).isEqualTo(Verb.DEPLOY);
            assertThat(deploy.inputs()).isEqualTo(Map.of("tag", "canary"));
            assertThat(deploy.origin()).isEqualTo(new Origin("github", "C0BOX1", "octocat", "octocat", delivery));
            assertThat(json(response).path("runs").get(0).path("runId").asString()).isEqualTo(deploy.runId());
        });
    }

    @Test
    void releaseBranchBuildDeploysTheReleaseTargetOnly() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(),
                workflowRun("completed", "success", "acme/image-server", WORKFLOW, "release"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(written(before)).extracting(CommandReceived::target, c -> c.inputs().get("tag"))
                .containsExactly(tuple("box-2", "stable"));
    }

    @Test
    void failedWorkflowRunIsAcceptedAndIgnored() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(),
                workflowRun("completed", "failure", "acme/image-server", WORKFLOW, "main"));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(json(response).path("detail").asString()).contains("failure");
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void pingIsAnswered() {
        HttpResponse<String> response = deliver("ping", UUID.randomUUID().toString(),
                "{\"zen\":\"Design for failure.\",\"hook_id\":109948940,\"hook\":{\"type\":\"Repository\"}}");
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void badOrMissingSignatureIsRefused() {
        byte[] body = workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main")
                .getBytes(StandardCharsets.UTF_8);
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> wrong = post("/github/webhook", "application/json", body, Map.of(
                "X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", new WebhookSignature("guess").sign(body)));
        HttpResponse<String> missing = post("/github/webhook", "application/json", body, Map.of(
                "X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", UUID.randomUUID().toString()));
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(missing.statusCode()).isEqualTo(401);
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void malformedJsonIsABadRequest() {
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(), "{\"action\": com");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(deliver("workflow_run", UUID.randomUUID().toString(), "[1,2]").statusCode()).isEqualTo(400);
    }

    @Test
    void redeliveryIsAcknowledgedButStartsNothing() {
        String delivery = UUID.randomUUID().toString();
        String json = workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main");
        assertThat(deliver("workflow_run", delivery, json).statusCode()).isEqualTo(200);
        Map<TopicPartition, Long> afterFirst = commands.endOffsets();

        HttpResponse<String> again = deliver("workflow_run", delivery, json);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("status").asString()).isEqualTo("duplicate delivery");
        assertThat(commands.readSince(afterFirst)).isEmpty();
    }

    @Test
    void publishedContainerTagDeploysTheTargetsFollowingThatTag() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("registry_package", UUID.randomUUID().toString(),
                registryPackage("published", "acme/image-server", "acme", "image-server", "stable"));
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(written(before)).extracting(CommandReceived::target, c -> c.inputs().get("tag"))
                .containsExactly(tuple("box-2", "stable"));
    }

    @Test
    void untaggedPackageVersionIsIgnored() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("registry_package", UUID.randomUUID().toString(),
                registryPackage("published", "acme/image-server", "acme", "image-server", ""));
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void formEncodedPayloadIsAccepted() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        String json = workflowRun("completed", "success", "acme/image-server", WORKFLOW, "main");
        byte[] body = ("payload=" + URLEncoder.encode(json, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = post("/github/webhook", "application/x-www-form-urlencoded", body, Map.of(
                "X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                "X-Hub-Signature-256", SIGNER.sign(body)));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(written(before)).extracting(CommandReceived::target).containsExactly("box-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"push", "issues", "pull_request", "star", "workflow_job", "check_suite", "release"})
    void otherEventTypesAreAcceptedAndIgnored(String event) {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver(event, UUID.randomUUID().toString(),
                "{\"action\":\"completed\",\"repository\":{\"full_name\":\"acme/image-server\"}}");
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(commands.readSince(before)).isEmpty();
    }
}
