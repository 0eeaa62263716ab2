package dev.gpuops.bot.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
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

/**
 * Everything outside the bot for the crash tests, in the test JVM: sandbox Slack (with its own signing secret),
 * sandbox RunPod holding the target {@code sophia}, and the app's health URL, which answers 503 until
 * {@link #healthy()} is set. The bot runs as {@link BotProcess}es configured like production; the runbooks are the
 * shipped ones plus a RunPod {@code restart} that waits at that health URL and a {@code purge} that purges first.
 */
final class CrashWorld implements AutoCloseable {

    static final String CHANNEL = SandboxSlack.GPU_OPS;
    private static final Pattern RUN_ID = Pattern.compile("Run (r-[A-Za-z0-9-]+) accepted");
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final int QUIET_SECONDS = 3;
    private static final String RUNPOD_KEY = "rpa_botkilltestkey000000000000000";

    final SandboxSlack slack;
    final SandboxRunPod runPod;
    final AtomicBoolean healthy = new AtomicBoolean();
    final AtomicInteger healthProbes = new AtomicInteger();
    private final Path dir;
    private final HttpServer health;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<BotProcess> bots = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CrashWorld(Path dir, String kafkaBootstrap) throws IOException {
        this.dir = dir;
        slack = SandboxSlack.builder().signingSecret("crash" + UUID.randomUUID().toString().replace("-", ""))
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
        properties.put("gpuops.slack.signing-secret", slack.signingSecret());
        properties.put("gpuops.slack.bot-token", slack.botToken());
        properties.put("gpuops.slack.api-url", slack.apiUrl());
        properties.put("gpuops.targets-file", targets.toString());
        properties.put("gpuops.runbooks-dir", runbooks().toString());
        properties.put("gpuops.kafka.bootstrap-servers", kafkaBootstrap);
        properties.put("gpuops.providers.runpod.api-key", RUNPOD_KEY);
        properties.put("gpuops.providers.runpod.api-url", runPod.apiUrl());
        properties.put("gpuops.providers.runpod.graphql-url", runPod.graphqlUrl());
        properties.put("gpuops.providers.runpod.rest-url", runPod.restUrl());
    }

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

    /** Starts a bot (log in target/bot-kill-it/bot-NAME.log) and points sandbox Slack at it. */
    BotProcess bot(String name) throws IOException, InterruptedException {
        Path logs = Files.createDirectories(Path.of("target", "bot-kill-it"));
        BotProcess bot = BotProcess.start(properties, logs.resolve("bot-" + name + ".log"));
        bots.add(bot);
        slack.botUrl(bot.eventsUrl());
        return bot;
    }

    @Override
    public void close() throws Exception {
        for (BotProcess bot : bots) {
            if (bot.alive()) {
                bot.kill9();
            }
        }
        health.stop(0);
        runPod.close();
        slack.close();
    }

    // ---- what Slack shows ----

    List<SlackMessage> rootsOf(String runId) {
        return slack.messages(CHANNEL).stream().filter(m -> m.text().contains("(" + runId + ")")).toList();
    }

    long roots(String runId) {
        return rootsOf(runId).size();
    }

    String rootText(String runId) {
        List<SlackMessage> roots = rootsOf(runId);
        return roots.isEmpty() ? "" : slack.latestText(CHANNEL, roots.getFirst().ts());
    }

    /** The replies under the run's one root, as they read now. */
    List<SlackMessage> thread(String runId) {
        List<SlackMessage> roots = rootsOf(runId);
        assertThat(roots).as("roots of " + runId).hasSize(1);
        return slack.replies(CHANNEL, roots.getFirst().ts()).stream()
                .map(m -> slack.message(CHANNEL, m.ts()).orElse(m)).toList();
    }

    static long checklists(List<SlackMessage> thread, String runId) {
        return count(thread, "*Steps* (" + runId + ")");
    }

    static long count(List<SlackMessage> thread, String text) {
        return thread.stream().filter(m -> m.text().contains(text)).count();
    }

    static String firstLine(String text) {
        return text.lines().findFirst().orElse("");
    }

    // ---- waiting ----

    static void await(String what, BooleanSupplier condition, BotProcess bot) throws InterruptedException {
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
    void awaitSlackQuiet(BotProcess bot) throws InterruptedException {
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

    // ---- commands ----

    static String runId(HttpResponse<String> ack) {
        return runId(ack.statusCode(), ack.body());
    }

    static String runId(int status, String body) {
        Matcher matcher = RUN_ID.matcher(body);
        assertThat(status).as(body).isEqualTo(200);
        assertThat(matcher.find()).as("a run id in the ack: " + body).isTrue();
        return matcher.group(1);
    }

    static String newTriggerId() {
        return "13345224609." + UUID.randomUUID().toString().replace("-", "");
    }

    /** A slash command as Slack sends it, with the sandbox workspace's ids and the given trigger id. */
    String slashCommand(String text, String triggerId) {
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
        fields.put("response_url", slack.baseUrl() + "/commands/crash/" + triggerId);
        fields.put("trigger_id", triggerId);
        return fields.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Posts {@code body} to the bot signed with the workspace's signing secret, plus {@code headers}. */
    HttpResponse<String> signed(BotProcess bot, String body, Map<String, String> headers)
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
