package dev.gpuops.bench;

import dev.gpuops.sandbox.SandboxFleet;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Everything outside the bot, in the bench's own process: sandbox Slack (with a signing secret chosen here, so the
 * load generator can sign), the sandbox fleet behind the demo targets plus {@value #BENCH_TARGETS} SSH targets
 * ({@code bench-01}…, each with a channel of the same name), and a KRaft broker. The bot runs as a separate process configured like production: every
 * value is explicit, nothing falls back to a sandbox inside the bot.
 */
public final class World implements AutoCloseable {

    static final int BENCH_TARGETS = 50;

    private final Path dir;
    private final SandboxSlack slack;
    private final SandboxFleet fleet;
    private final EmbeddedKafkaKraftBroker kafka;
    private final Path targetsFile;
    private final List<String> benchTargets = new ArrayList<>();
    private final Map<String, SlackChannel> channels = new LinkedHashMap<>();

    private World(Path dir, Path repo) throws IOException {
        this.dir = dir;
        String secret = random();
        this.slack = SandboxSlack.builder().signingSecret(secret).start();
        this.fleet = SandboxFleet.start(Files.createDirectories(dir.resolve("fleet")));
        this.kafka = new EmbeddedKafkaKraftBroker(1, 3);
        kafka.brokerListProperty("gpuops.bench.kafka.brokers");
        kafka.afterPropertiesSet();
        String template = Files.readString(repo.resolve("runbooks/targets/demo-targets.yaml"));
        this.targetsFile = dir.resolve("bench-targets.yaml");
        Files.writeString(targetsFile, fleet.render(withBenchTargets(template)));
        for (String target : benchTargets) {
            channels.put(target, slack.createChannel(target, SandboxSlack.BOT_USER_ID));
        }
    }

    /** Starts the world under {@code dir}; {@code repo} is the checkout (for the demo targets template). */
    static World start(Path dir, Path repo) {
        try {
            return new World(dir, repo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot set up the bench world in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The demo targets plus {@code bench-NN} copies of box-1 (the same sandbox SSH host, one target each). */
    private String withBenchTargets(String template) {
        String box = boxOne(template);
        StringBuilder out = new StringBuilder(template.stripTrailing()).append("\n\n");
        for (int i = 1; i <= BENCH_TARGETS; i++) {
            String name = String.format("bench-%02d", i);
            benchTargets.add(name);
            out.append(box.replaceFirst("^  box-1:", "  " + name + ":")).append('\n');
        }
        return out.toString();
    }

    /** The box-1 entry of the template, without its GitHub subscription (one repo should deploy one target). */
    private static String boxOne(String template) {
        List<String> lines = template.lines().toList();
        int start = lines.indexOf("  box-1:");
        if (start < 0) {
            throw new IllegalStateException("runbooks/targets/demo-targets.yaml has no box-1 entry to copy");
        }
        StringBuilder entry = new StringBuilder(lines.get(start)).append('\n');
        for (int i = start + 1; i < lines.size() && (lines.get(i).isBlank() || lines.get(i).startsWith("    ")); i++) {
            if (!lines.get(i).isBlank() && !lines.get(i).stripLeading().startsWith("github:")) {
                entry.append(lines.get(i)).append('\n');
            }
        }
        return entry.toString();
    }

    /** What the bot process needs, as Spring arguments (never printed: they hold the sandbox secrets). */
    Map<String, String> botProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("gpuops.slack.signing-secret", slack.signingSecret());
        p.put("gpuops.slack.bot-token", slack.botToken());
        p.put("gpuops.slack.api-url", slack.apiUrl());
        p.put("gpuops.targets-file", targetsFile.toString());
        p.put("gpuops.kafka.bootstrap-servers", kafka.getBrokersAsString());
        p.put("gpuops.providers.runpod.api-key", SandboxFleet.RUNPOD_KEY);
        p.put("gpuops.providers.runpod.api-url", fleet.runPod().apiUrl());
        p.put("gpuops.providers.runpod.graphql-url", fleet.runPod().graphqlUrl());
        p.put("gpuops.providers.runpod.rest-url", fleet.runPod().restUrl());
        p.put("gpuops.providers.lambda.api-key", SandboxFleet.LAMBDA_KEY);
        p.put("gpuops.providers.lambda.api-url", fleet.lambda().baseUrl());
        p.put("gpuops.providers.vast.api-key", SandboxFleet.VAST_KEY);
        p.put("gpuops.providers.vast.api-url", fleet.vast().baseUrl());
        p.put("gpuops.providers.aws.sandbox-endpoint", fleet.aws().baseUrl().toString());
        p.putAll(fleet.secrets());
        return p;
    }

    /** Where the bot now listens: sandbox Slack's console and the pipeline's commands go there. */
    void botListensAt(int port) {
        slack.botUrl(URI.create("http://127.0.0.1:" + port + "/slack/events"));
    }

    SandboxSlack slack() {
        return slack;
    }

    SandboxFleet fleet() {
        return fleet;
    }

    String kafkaBootstrap() {
        return kafka.getBrokersAsString();
    }

    /** The channel the pipeline's commands for {@code target} come from (the bot is a member). */
    SlackChannel channelOf(String target) {
        return channels.get(target);
    }

    List<SlackChannel> benchChannels() {
        return List.copyOf(channels.values());
    }

    List<String> benchTargets() {
        return List.copyOf(benchTargets);
    }

    Path dir() {
        return dir;
    }

    private static String random() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        try {
            kafka.destroy();
        } finally {
            try {
                fleet.close();
            } finally {
                slack.close();
            }
        }
    }
}
