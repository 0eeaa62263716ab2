package dev.gpuops.bot.sandbox;

import dev.gpuops.bot.config.StartupMode;
import dev.gpuops.sandbox.SandboxFleet;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * The demo: when nothing real is configured ({@link StartupMode#DEMO}), the sandbox Slack (Web API + console) stands
 * in for Slack, the demo targets are used, backed by the sandbox simulators of the seed systems, and every provider
 * is pointed at its simulator. As soon as anything real is configured it does nothing at all; the
 * {@link dev.gpuops.bot.config.FailClosedInitializer} has then already refused any configuration that lacks Slack
 * credentials or a targets file.
 *
 * <p>The sandbox's signing secret and bot token are random at each start and handed to the bot and the console
 * in-process, and the demo listens on 127.0.0.1 unless {@code SERVER_ADDRESS} says otherwise: a demo left running
 * is not a door into anything.
 */
public class SandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String PROPERTY_SOURCE = "gpuops-sandbox";
    static final String LOOPBACK = "127.0.0.1";
    static final String SECRET_FILE_PROPERTY = "gpuops.demo.secret-file";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Logger LOG = LoggerFactory.getLogger(SandboxInitializer.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        if (StartupMode.decide(env::getProperty) != StartupMode.DEMO) {
            return;
        }
        Map<String, Object> properties = new LinkedHashMap<>();
        Demo demo = new Demo();
        try {
            demo.slack = startSlack(properties);
            demo.fleet = startFleet(properties);
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        if (blank(env, "server.address")) {
            properties.put("server.address", LOOPBACK);
        }
        if (blank(env, "gpuops.monitor-interval")) {
            properties.put("gpuops.monitor-interval", "3s"); // the demo's monitor probes on a short interval
            properties.put("gpuops.monitor-group-hold", "2s");
        }
        String secretFile = env.getProperty(SECRET_FILE_PROPERTY, "");
        if (!secretFile.isBlank()) {
            writeOwnerOnly(Path.of(secretFile), demo.slack.signingSecret());
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton("sandboxDemo", demo);
        context.getBeanFactory().registerSingleton("sandboxCommands", SandboxCommand.forDemo(demo));
        context.addApplicationListener(event -> {
            if (event instanceof WebServerInitializedEvent web && demo.slack != null) {
                demo.slack.botUrl(URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + "/slack/events"));
            } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                demo.close();
            }
        });
    }

    private static SandboxSlack startSlack(Map<String, Object> properties) {
        SandboxSlack slack = SandboxSlack.builder()
                .signingSecret(randomHex(32))
                .botToken("xoxb-demo-" + randomHex(24))
                .start();
        properties.put("gpuops.slack.signing-secret", slack.signingSecret());
        properties.put("gpuops.slack.bot-token", slack.botToken());
        properties.put("gpuops.slack.api-url", slack.apiUrl());
        LOG.info("Nothing real configured: running the demo on the sandbox Slack (random signing secret); console at {}",
                slack.consoleUrl());
        return slack;
    }

    /** For local tools driving the demo (the benchmark): readable by the user who started it, no one else. */
    private static void writeOwnerOnly(Path file, String secret) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, secret);
        } catch (IOException | UnsupportedOperationException e) {
            throw new IllegalStateException("cannot write the demo signing secret to GPUOPS_DEMO_SECRET_FILE="
                    + file + ": " + e.getMessage() + "; point it at a writable path or unset it", e);
        }
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private static SandboxFleet startFleet(Map<String, Object> properties) {
        Path template = demoTemplate();
        try {
            Path dir = Files.createTempDirectory("gpuops-demo-");
            SandboxFleet fleet = SandboxFleet.start(dir);
            Path targets = dir.resolve("demo-targets.yaml");
            Files.writeString(targets, fleet.render(Files.readString(template)));
            properties.put("gpuops.targets-file", targets.toString());
            pointProvidersAtSimulators(fleet, properties);
            properties.putAll(fleet.secrets());
            LOG.info("Demo targets backed by sandbox simulators: {}", targets);
            return fleet;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo targets file: " + e.getMessage(), e);
        }
    }

    /** In the demo every provider is its simulator; nothing real is configured, so nothing is overridden. */
    private static void pointProvidersAtSimulators(SandboxFleet fleet, Map<String, Object> properties) {
        properties.put("gpuops.providers.runpod.api-key", SandboxFleet.RUNPOD_KEY);
        properties.put("gpuops.providers.runpod.api-url", fleet.runPod().apiUrl());
        properties.put("gpuops.providers.runpod.graphql-url", fleet.runPod().graphqlUrl());
        properties.put("gpuops.providers.runpod.rest-url", fleet.runPod().restUrl());
        properties.put("gpuops.providers.lambda.api-key", SandboxFleet.LAMBDA_KEY);
        properties.put("gpuops.providers.lambda.api-url", fleet.lambda().baseUrl());
        properties.put("gpuops.providers.vast.api-key", SandboxFleet.VAST_KEY);
        properties.put("gpuops.providers.vast.api-url", fleet.vast().baseUrl());
        properties.put("gpuops.providers.aws.sandbox-endpoint", fleet.aws().baseUrl().toString());
    }

    /** The shipped demo targets template: beside the runbooks, seen from the working directory. */
    static Path demoTemplate() {
        for (Path candidate : List.of(Path.of("runbooks", "targets", "demo-targets.yaml"),
                Path.of("..", "runbooks", "targets", "demo-targets.yaml"))) {
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no GPUOPS_TARGETS_FILE set and the demo targets template "
                + "runbooks/targets/demo-targets.yaml was not found: start gpuops from the repository root, or set "
                + "GPUOPS_TARGETS_FILE to your targets file");
    }

    private static boolean blank(ConfigurableEnvironment env, String property) {
        String value = env.getProperty(property);
        return value == null || value.isBlank();
    }

    /** What the initializer started; closed with the context. */
    public static final class Demo implements AutoCloseable {
        private SandboxSlack slack;
        private SandboxFleet fleet;

        public java.util.Optional<SandboxSlack> slack() {
            return java.util.Optional.ofNullable(slack);
        }

        public java.util.Optional<SandboxFleet> fleet() {
            return java.util.Optional.ofNullable(fleet);
        }

        @Override
        public synchronized void close() {
            if (fleet != null) {
                fleet.close();
                fleet = null;
            }
            if (slack != null) {
                slack.close();
                slack = null;
            }
        }
    }
}
