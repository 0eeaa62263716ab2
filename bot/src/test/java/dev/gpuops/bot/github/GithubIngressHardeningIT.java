package dev.gpuops.bot.github;

import static dev.gpuops.bot.github.GithubPayloads.registryPackage;
import static dev.gpuops.bot.github.GithubPayloads.workflowRun;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.dedupe.DedupeConfiguration;
import dev.gpuops.bot.dedupe.DurableDedupe;
import dev.gpuops.bot.ingress.IngressGuard;
import dev.gpuops.bot.support.IngressITSupport;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Issue 8 §6: signed deliveries that must not deploy, through Tomcat onto the real in-process broker, and the
 * checks made before a body is read. Every refusal is checked on {@code gpuops.commands}: nothing was written.
 */
class GithubIngressHardeningIT extends IngressITSupport {

    private static final String WORKFLOW = "Build and Push to GHCR";
    private static final String REPO = "acme/image-server";
    private static final WebhookSignature SIGNER = new WebhookSignature(GITHUB_SECRET);

    @Autowired
    KafkaProperties kafkaProperties;

    @Autowired
    GpuopsKafkaProperties gpuopsKafka;

    @Autowired
    IngressGuard guard;

    private HttpResponse<String> deliver(String event, String delivery, String json) {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = new HashMap<>(Map.of("X-GitHub-Event", event,
                "X-Hub-Signature-256", SIGNER.sign(body), "User-Agent", "GitHub-Hookshot/044aadd"));
        if (delivery != null) {
            headers.put("X-GitHub-Delivery", delivery);
        }
        return post("/github/webhook", "application/json", body, headers);
    }

    private List<CommandReceived> written(Map<TopicPartition, Long> before) {
        return commands.readSince(before).stream().map(ConsumerRecord::value)
                .map(value -> (CommandReceived) EventJson.read(value)).toList();
    }

    private void assertNothingDeployed(HttpResponse<String> response, int status, String detail,
                                       Map<TopicPartition, Long> before) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(json(response).path("detail").asString()).contains(detail);
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void workflowRunFromAForkDeploysNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(), workflowRun(
                "completed", "success", REPO, WORKFLOW, "main", "push", "mallory/image-server",
                GithubPayloads.newId(), 1));
        assertNothingDeployed(response, 202, "forks never deploy", before);
    }

    @Test
    void workflowRunOfAPullRequestDeploysNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(), workflowRun(
                "completed", "success", REPO, WORKFLOW, "main", "pull_request", REPO, GithubPayloads.newId(), 1));
        assertNothingDeployed(response, 202, "only runs triggered by a push deploy", before);
    }

    @Test
    void workflowRunOfAnotherBranchDeploysNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", UUID.randomUUID().toString(),
                workflowRun("completed", "success", REPO, WORKFLOW, "feature/unreviewed"));
        assertNothingDeployed(response, 202, "on branch feature/unreviewed", before);
    }

    @Test
    void packageWithAnotherTagDeploysNothing() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("registry_package", UUID.randomUUID().toString(),
                registryPackage("published", REPO, "acme", "image-server", "pr-1234"));
        assertNothingDeployed(response, 202, "'pr-1234' is not the tag any subscribed target deploys", before);
    }

    @Test
    void replayUnderANewDeliveryIdDeploysNothingButARerunDeploysAgain() {
        long runId = GithubPayloads.newId();
        String json = workflowRun("completed", "success", REPO, WORKFLOW, "main", "push", REPO, runId, 1);
        Map<TopicPartition, Long> before = commands.endOffsets();
        assertThat(deliver("workflow_run", UUID.randomUUID().toString(), json).statusCode()).isEqualTo(200);
        assertThat(written(before)).extracting(CommandReceived::target).containsExactly("box-1");

        Map<TopicPartition, Long> afterFirst = commands.endOffsets();
        HttpResponse<String> replay = deliver("workflow_run", UUID.randomUUID().toString(), json);
        assertThat(json(replay).path("status").asString()).isEqualTo("duplicate run");
        assertNothingDeployed(replay, 200, "workflow_run:acme/image-server:" + runId + ":1", afterFirst);

        Map<TopicPartition, Long> beforeRerun = commands.endOffsets();
        HttpResponse<String> rerun = deliver("workflow_run", UUID.randomUUID().toString(),
                workflowRun("completed", "success", REPO, WORKFLOW, "main", "push", REPO, runId, 2));
        assertThat(rerun.statusCode()).isEqualTo(200);
        assertThat(written(beforeRerun)).extracting(CommandReceived::target).containsExactly("box-1");
    }

    @Test
    void replayedPackageVersionDeploysNothing() {
        long versionId = GithubPayloads.newId();
        String json = registryPackage("published", REPO, "acme", "image-server", "canary", versionId);
        assertThat(deliver("registry_package", UUID.randomUUID().toString(), json).statusCode()).isEqualTo(200);
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> replay = deliver("registry_package", UUID.randomUUID().toString(), json);
        assertNothingDeployed(replay, 200, "package:" + versionId + ":canary", before);
    }

    @Test
    void dedupeKeysSurviveARestart() {
        long runId = GithubPayloads.newId();
        String json = workflowRun("completed", "success", REPO, WORKFLOW, "main", "push", REPO, runId, 1);
        assertThat(deliver("workflow_run", UUID.randomUUID().toString(), json).statusCode()).isEqualTo(200);
        // a fresh instance knows only what it reads back from gpuops.dedupe, as after a restart
        try (DurableDedupe restarted = DedupeConfiguration.onKafka("github", kafkaProperties, gpuopsKafka,
                Clock.systemUTC(), Duration.ofDays(4), 1000)) {
            assertThat(restarted.claim("workflow_run:acme/image-server:" + runId + ":1"))
                    .isEqualTo(DurableDedupe.Claim.DUPLICATE);
            assertThat(restarted.claim("workflow_run:acme/image-server:" + runId + ":9"))
                    .isEqualTo(DurableDedupe.Claim.NEW);
        }
    }

    @Test
    void deliveryWithoutADeliveryIdIsABadRequest() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        HttpResponse<String> response = deliver("workflow_run", null,
                workflowRun("completed", "success", REPO, WORKFLOW, "main"));
        assertNothingDeployed(response, 400, "missing X-GitHub-Delivery header", before);
    }

    @Test
    void oversizedDeclaredBodiesAreRefusedBeforeTheBodyIsSent() throws IOException {
        Map<TopicPartition, Long> before = commands.endOffsets();
        assertThat(headersOnly("/github/webhook", 26_214_401L, Map.of("X-GitHub-Event", "workflow_run",
                "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-Hub-Signature-256", "sha256=00")))
                .startsWith("HTTP/1.1 413");
        assertThat(headersOnly("/slack/events", 1_048_577L, Map.of("X-Slack-Request-Timestamp", "1",
                "X-Slack-Signature", "v0=00"))).startsWith("HTTP/1.1 413");
        assertThat(headersOnly("/github/webhook", 1000L, Map.of("X-GitHub-Event", "workflow_run",
                "X-GitHub-Delivery", UUID.randomUUID().toString()))).startsWith("HTTP/1.1 401");
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void oversizedChunkedBodiesAreCutOffWhileReading() {
        Map<TopicPartition, Long> before = commands.endOffsets();
        byte[] github = oversizedJson(26_214_401);
        assertThat(chunked("/github/webhook", github, Map.of("X-GitHub-Event", "workflow_run",
                "X-GitHub-Delivery", UUID.randomUUID().toString(), "X-Hub-Signature-256", SIGNER.sign(github))))
                .isEqualTo(413);
        byte[] slack = oversizedJson(1_048_577);
        assertThat(chunked("/slack/events", slack, Map.of("X-Slack-Request-Timestamp",
                Long.toString(System.currentTimeMillis() / 1000), "X-Slack-Signature", "v0=00"))).isEqualTo(413);
        assertThat(commands.readSince(before)).isEmpty();
    }

    @Test
    void concurrentLargeBodiesAreBoundedWith503AndRetryAfter() throws Exception {
        List<Socket> held = new java.util.ArrayList<>();
        try {
            // four uploads that announce 100 kB and then stall: each holds one of the four large-body permits
            for (int i = 0; i < 4; i++) {
                held.add(stalledUpload(100_000));
            }
            awaitFreeSlots(0);
            Map<TopicPartition, Long> before = commands.endOffsets();
            byte[] body = oversizedJson(100_000);
            HttpResponse<String> refused = post("/github/webhook", "application/json", body, Map.of(
                    "X-GitHub-Event", "workflow_run", "X-GitHub-Delivery", UUID.randomUUID().toString(),
                    "X-Hub-Signature-256", SIGNER.sign(body)));
            assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(json(refused).path("detail").asString()).contains("large request bodies are being read");
            assertThat(commands.readSince(before)).isEmpty();
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // the stalled uploads ended with their connections, and gave their permits back
        awaitFreeSlots(4);
    }

    private Socket stalledUpload(int length) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        String head = "POST /github/webhook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + length + "\r\nX-GitHub-Event: workflow_run\r\nX-GitHub-Delivery: "
                + UUID.randomUUID() + "\r\nX-Hub-Signature-256: sha256=00\r\n\r\n{";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Waits (bounded) until Tomcat has handed the stalled uploads to the guard, or they have ended. */
    private void awaitFreeSlots(int free) throws InterruptedException {
        for (int attempt = 0; attempt < 200 && guard.freeLargeBodySlots() != free; attempt++) {
            Thread.sleep(50);
        }
        assertThat(guard.freeLargeBodySlots()).isEqualTo(free);
    }

    /** Sends only the request head, announcing {@code length} bytes, and returns the status line of the answer. */
    private String headersOnly(String path, long length, Map<String, String> headers) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + length + "\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder status = new StringBuilder();
            for (int c = in.read(); c != -1 && c != '\r'; c = in.read()) {
                status.append((char) c);
            }
            return status.toString();
        }
    }

    private int chunked(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
                // an InputStream publisher has no length: the JDK client sends Transfer-Encoding: chunked
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)));
        headers.forEach(request::header);
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            return client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            // the server may close the connection while the rest of the body is still being sent
            return e.getMessage() != null && e.getMessage().contains("413") ? 413 : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] oversizedJson(int size) {
        byte[] body = new byte[size];
        java.util.Arrays.fill(body, (byte) ' ');
        body[0] = '{';
        body[size - 1] = '}';
        return body;
    }
}
