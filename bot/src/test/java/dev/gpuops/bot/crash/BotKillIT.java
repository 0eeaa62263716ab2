package dev.gpuops.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.slack.CommandResult;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import dev.gpuops.sandbox.slack.SlackSignature;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The whole bot killed with {@code kill -9} and started again, in REAL mode: a separate JVM configured like
 * production (targets file, SLACK_* with the API URL at a sandbox Slack in this JVM, RunPod at the RunPod sandbox,
 * KAFKA_BOOTSTRAP_SERVERS at a KRaft broker in this JVM that outlives every bot), commands as signed Slack requests.
 * Three bot processes in a row, one per phase, so the JVM starts stay few:
 * <ol>
 *   <li>bot A: {@code /gpu restart sophia} waits at its health step → kill -9;</li>
 *   <li>bot B: the run resumes and finishes once in the same thread; Slack's retry of the command (same
 *       trigger_id, X-Slack-Retry-Num) is answered with the same run; {@code /gpu purge sophia} is killed while
 *       RunPod has the purge call in flight;</li>
 *   <li>bot C: the purge run ends INTERRUPTED in its own thread, naming the step; the purge was called once.</li>
 * </ol>
 * The sandbox Slack must show one root and one checklist per run. The counts are printed for the record.
 */
class BotKillIT {

    private static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[A-Za-z0-9-]+) accepted");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int QUIET_SECONDS = 3;
    private static final String RUNPOD_KEY = "rpa_botkilltestkey000000000000000";

    @TempDir
    Path dir;
    private EmbeddedKafkaKraftBroker broker;
    private SandboxSlack slack;
    private SandboxRunPod runPod;
    private HttpServer health;
    private final AtomicBoolean healthy = new AtomicBoolean();
    private final AtomicInteger healthProbes = new AtomicInteger();
    private final List<BotProcess> bots = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Map<String, String> properties;

    @BeforeEach
    void start() throws IOException {
        broker = new EmbeddedKafkaKraftBroker(1, 3);
        broker.afterPropertiesSet();
        slack = SandboxSlack.builder().signingSecret("botkill" + UUID.randomUUID().toString().replace("-", ""))
                .start();
        runPod = SandboxRunPod.start(RUNPOD_KEY);
        String template = runPod.createTemplate("sophia", "registry.example/kyl/sophia:v1", Map.of());
        String endpoint = runPod.createEndpoint("sophia", template, 0, 2);
        health = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        health.createContext("/health", exchange -> {
            healthProbes.incrementAndGet();
            byte[] body = (healthy.get() ? "ok" : "starting").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(healthy.get() ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        health.start();
        Path targets = dir.resolve("targets.yaml");
        Files.writeString(targets, """
                targets:
                  sophia:
                    provider: runpod
                    monitor: { enabled: false }
                    channel: %s
                    environment: staging
                    runpod: { endpointId: %s, templateId: %s }
                """.formatted(CHANNEL, endpoint, template));
        properties = new LinkedHashMap<>();
        properties.put("gpuops.slack.signing-secret", slack.signingSecret());
        properties.put("gpuops.slack.bot-token", slack.botToken());
        properties.put("gpuops.slack.api-url", slack.apiUrl());
        properties.put("gpuops.targets-file", targets.toString());
        properties.put("gpuops.runbooks-dir", runbooks().toString());
        properties.put("gpuops.kafka.bootstrap-servers", broker.getBrokersAsString());
        properties.put("gpuops.providers.runpod.api-key", RUNPOD_KEY);
        properties.put("gpuops.providers.runpod.api-url", runPod.apiUrl());
        properties.put("gpuops.providers.runpod.graphql-url", runPod.graphqlUrl());
        properties.put("gpuops.providers.runpod.rest-url", runPod.restUrl());
    }

    /** The shipped runbooks, plus a RunPod restart that waits at a health URL and a purge that purges first. */
    private Path runbooks() throws IOException {
        Path shipped = Path.of("..", "runbooks").toAbsolutePath().normalize();
        Path copy = Files.createDirectories(dir.resolve("runbooks"));
        try (Stream<Path> files = Files.walk(shipped)) {
            for (Path file : files.filter(Files::isRegularFile).filter(f -> !f.toString().contains("corpus"))
                    .toList()) {
                Path to = copy.resolve(shipped.relativize(file).toString());
                Files.createDirectories(to.getParent());
                Files.copy(file, to);
            }
        }
        String healthUrl = "http://127.0.0.1:" + health.getAddress().getPort() + "/health";
        Files.writeString(copy.resolve("restart-runpod.yaml"), """
                apiVersion: gpuops/v1
                kind: Runbook
                metadata:
                  name: restart-runpod
                  verb: restart
                  providers: [runpod]
                  description: Wait until the app answers its health URL
                steps:
                  - id: health
                    action: http.health
                    description: Wait for the health URL
                    with: { url: "%s", initialDelay: 0s, interval: 1s, timeout: 10m }
                    timeout: 11m
                """.formatted(healthUrl));
        Files.writeString(copy.resolve("purge-runpod.yaml"), """
                apiVersion: gpuops/v1
                kind: Runbook
                metadata:
                  name: purge-runpod
                  verb: purge
                  providers: [runpod]
                  description: Remove every queued job from the RunPod endpoint
                steps:
                  - id: purge
                    action: runpod.purge_queue
                    description: Purge the queue
                    timeout: 1m
                  - id: after
                    action: runpod.health
                    description: The queue after the purge
                    timeout: 1m
                """);
        return copy;
    }

    @AfterEach
    void stop() throws Exception {
        for (BotProcess bot : bots) {
            if (bot.alive()) {
                bot.kill9();
            }
        }
        health.stop(0);
        runPod.close();
        slack.close();
        broker.destroy();
    }

    @Test
    void killedTwiceTheBotFinishesEachRunOnceInOneThreadAndNeverRepeatsThePurge() throws Exception {
        // phase 1: a run waiting at a health step
        BotProcess first = bot("a");
        String restartBody = slashCommand("restart sophia", "13345224609." + UUID.randomUUID().toString()
                .replace("-", ""));
        String restartRun = runId(signed(first, restartBody, Map.of()));
        await("the health step to probe", () -> healthProbes.get() > 0, first);
        await("the root message", () -> roots(restartRun) == 1, first);
        first.kill9();
        int probesBeforeRestart = healthProbes.get();

        // phase 2: the run resumes and finishes once; a retry of the command is the same run; a purge in flight
        BotProcess second = bot("b");
        await("the resumed health step to probe again", () -> healthProbes.get() > probesBeforeRestart + 1, second);
        healthy.set(true);
        await("the restart run to finish", () -> rootText(restartRun).contains("succeeded"), second);
        awaitSlackQuiet(second);
        HttpResponse<String> retry = signed(second, restartBody,
                Map.of("X-Slack-Retry-Num", "1", "X-Slack-Retry-Reason", "http_timeout"));
        runPod.responseDelay(Duration.ofSeconds(8));
        CommandResult purge = slack.sendCommand(CHANNEL, SandboxSlack.ONCALL_USER_ID, "/gpu purge sophia");
        String purgeRun = runId(purge.status(), purge.body());
        await("RunPod to receive the purge", () -> purgeCalls() == 1, second);
        second.kill9();
        runPod.responseDelay(Duration.ZERO);

        // phase 3: the purge is not repeated; its thread says INTERRUPTED and names the step
        BotProcess third = bot("c");
        await("the purge run to end", () -> rootText(purgeRun).toLowerCase().contains("interrupted"), third);
        awaitSlackQuiet(third);
        List<SlackMessage> purgeThread = thread(purgeRun);
        List<SlackMessage> restartThread = thread(restartRun);

        System.out.println("[bot kill -9: health wait] roots=" + roots(restartRun) + ", checklists="
                + checklists(restartThread, restartRun) + ", resumed replies="
                + count(restartThread, "resumed after a restart") + ", outcome=" + firstLine(rootText(restartRun)));
        System.out.println("[bot kill -9: purge in flight] roots=" + roots(purgeRun) + ", checklists="
                + checklists(purgeThread, purgeRun) + ", purge calls=" + purgeCalls() + ", outcome="
                + firstLine(rootText(purgeRun)));
        System.out.println("[slack retry after restart] ack=" + retry.statusCode() + ", runs for the trigger="
                + roots(restartRun) + ", root messages in the channel=" + slack.messages(CHANNEL).size());

        assertThat(roots(restartRun)).as("one root for the restart run").isEqualTo(1);
        assertThat(checklists(restartThread, restartRun)).as("one checklist for the restart run").isEqualTo(1);
        assertThat(count(restartThread, "resumed after a restart of gpuops")).isEqualTo(1);
        assertThat(rootText(restartRun)).contains("succeeded");
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.body()).contains(restartRun);

        assertThat(roots(purgeRun)).as("one root for the purge run").isEqualTo(1);
        assertThat(checklists(purgeThread, purgeRun)).as("one checklist for the purge run in "
                + purgeThread.stream().map(SlackMessage::text).toList()).isEqualTo(1);
        assertThat(purgeThread).anySatisfy(m -> assertThat(m.text()).contains("`purge`").contains("in flight"));
        assertThat(purgeCalls()).as("the destructive call was made once, not repeated").isEqualTo(1);
        assertThat(slack.messages(CHANNEL)).as("two commands, two runs, two roots").hasSize(2);
    }

    private BotProcess bot(String name) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(Path.of("target", "bot-kill-it"));
        BotProcess bot = BotProcess.start(properties, logs.resolve("bot-" + name + ".log"));
        bots.add(bot);
        slack.botUrl(bot.eventsUrl());
        return bot;
    }

    private long purgeCalls() {
        return runPod.received().stream().filter(r -> r.endsWith("/purge-queue")).count();
    }

    private List<SlackMessage> rootsOf(String runId) {
        return slack.messages(CHANNEL).stream().filter(m -> m.text().contains("(" + runId + ")")).toList();
    }

    private long roots(String runId) {
        return rootsOf(runId).size();
    }

    private String rootText(String runId) {
        List<SlackMessage> roots = rootsOf(runId);
        return roots.isEmpty() ? "" : slack.latestText(CHANNEL, roots.getFirst().ts());
    }

    private List<SlackMessage> thread(String runId) {
        List<SlackMessage> roots = rootsOf(runId);
        assertThat(roots).as("roots of " + runId).hasSize(1);
        return slack.replies(CHANNEL, roots.getFirst().ts()).stream()
                .map(m -> slack.message(CHANNEL, m.ts()).orElse(m)).toList();
    }

    private static long checklists(List<SlackMessage> thread, String runId) {
        return count(thread, "*Steps* (" + runId + ")");
    }

    private static long count(List<SlackMessage> thread, String text) {
        return thread.stream().filter(m -> m.text().contains(text)).count();
    }

    private static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    private static void await(String what, BooleanSupplier condition, BotProcess bot) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !bot.alive()) {
                throw new AssertionError("gave up waiting for " + what + (bot.alive() ? "" : " (the bot died)")
                        + "; the bot's log ends:\n" + bot.tail());
            }
            Thread.sleep(100);
        }
    }

    /**
     * Until the bot has neither posted nor updated anything for {@value #QUIET_SECONDS} s: posts in a channel are
     * spaced by its rate limit, so a thread's last replies may follow the root's final update by a few seconds.
     */
    private void awaitSlackQuiet(BotProcess bot) throws InterruptedException {
        long[] last = {-1, System.nanoTime()};
        await("Slack to stay quiet for " + QUIET_SECONDS + " s", () -> {
            long writes = slack.callCount("chat.postMessage") + slack.callCount("chat.update");
            if (writes != last[0]) {
                last[0] = writes;
                last[1] = System.nanoTime();
            }
            return System.nanoTime() - last[1] > Duration.ofSeconds(QUIET_SECONDS).toNanos();
        }, bot);
    }

    private static String runId(HttpResponse<String> ack) {
        return runId(ack.statusCode(), ack.body());
    }

    private static String runId(int status, String body) {
        Matcher matcher = RUN_ID.matcher(body);
        assertThat(status).as(body).isEqualTo(200);
        assertThat(matcher.find()).as("a run id in the ack: " + body).isTrue();
        return matcher.group(1);
    }

    /** A slash command as Slack sends it, with the sandbox workspace's ids and the given trigger id. */
    private String slashCommand(String text, String triggerId) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("token", "sandboxverificationtoken");
        fields.put("team_id", SandboxSlack.TEAM_ID);
        fields.put("team_domain", "sandbox");
        fields.put("channel_id", CHANNEL);
        fields.put("channel_name", "gpu-ops");
        fields.put("user_id", SandboxSlack.ONCALL_USER_ID);
        fields.put("user_name", "oncall");
        fields.put("command", "/gpu");
        fields.put("text", text);
        fields.put("api_app_id", "A0GPUOPS01");
        fields.put("is_enterprise_install", "false");
        fields.put("response_url", slack.baseUrl() + "/commands/botkill/" + triggerId);
        fields.put("trigger_id", triggerId);
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private HttpResponse<String> signed(BotProcess bot, String body, Map<String, String> headers)
            throws IOException, InterruptedException {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest.Builder request = HttpRequest.newBuilder(bot.eventsUrl()).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header(SlackSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(SlackSignature.SIGNATURE_HEADER, SlackSignature.sign(slack.signingSecret(), timestamp, body))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
