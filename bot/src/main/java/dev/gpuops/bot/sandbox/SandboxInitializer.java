package dev.gpuops.bot.sandbox;

import dev.gpuops.sandbox.SandboxFleet;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Embedded defaults for everything that has no configuration: with no Slack credentials the sandbox Slack (Web API
 * + console) stands in for Slack; with no targets file the demo targets are used, backed by the sandbox simulators
 * of the seed systems, and every provider without a key is pointed at its simulator. Real configuration always
 * wins: a variable that is set is never overridden.
 */
public class SandboxInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String PROPERTY_SOURCE = "gpuops-sandbox";
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
        Map<String, Object> properties = new LinkedHashMap<>();
        Demo demo = new Demo();
        try {
            if (blank(env, "gpuops.slack.signing-secret") && blank(env, "gpuops.slack.bot-token")) {
                demo.slack = startSlack(properties);
            }
            if (blank(env, "gpuops.targets-file")) {
                demo.fleet = startFleet(env, properties);
            }
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
        if (demo.slack == null && demo.fleet == null) {
            return;
        }
        env.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE, properties));
        context.getBeanFactory().registerSingleton("sandboxDemo", demo);
        context.addApplicationListener(event -> {
            if (event instanceof WebServerInitializedEvent web && demo.slack != null) {
                demo.slack.botUrl(URI.create("http://127.0.0.1:" + web.getWebServer().getPort() + "/slack/events"));
            } else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == context) {
                demo.close();
            }
        });
    }

    private static SandboxSlack startSlack(Map<String, Object> properties) {
        SandboxSlack slack = SandboxSlack.builder().start();
        properties.put("gpuops.slack.signing-secret", SandboxSlack.DEFAULT_SIGNING_SECRET);
        properties.put("gpuops.slack.bot-token", SandboxSlack.DEFAULT_BOT_TOKEN);
        properties.put("gpuops.slack.api-url", slack.apiUrl());
        LOG.info("No Slack credentials set: using the sandbox Slack; console at {}", slack.consoleUrl());
        return slack;
    }

    private static SandboxFleet startFleet(ConfigurableEnvironment env, Map<String, Object> properties) {
        Path template = demoTemplate();
        try {
            Path dir = Files.createTempDirectory("gpuops-demo-");
            SandboxFleet fleet = SandboxFleet.start(dir);
            Path targets = dir.resolve("demo-targets.yaml");
            Files.writeString(targets, fleet.render(Files.readString(template)));
            properties.put("gpuops.targets-file", targets.toString());
            pointProvidersAtSimulators(env, fleet, properties);
            fleet.secrets().forEach((name, value) -> {
                if (blank(env, name)) {
                    properties.put(name, value);
                }
            });
            LOG.info("No GPUOPS_TARGETS_FILE set: using the demo targets backed by sandbox simulators ({})", targets);
            return fleet;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the demo targets file: " + e.getMessage(), e);
        }
    }

    private static void pointProvidersAtSimulators(ConfigurableEnvironment env, SandboxFleet fleet,
                                                   Map<String, Object> properties) {
        if (blank(env, "gpuops.providers.runpod.api-key")) {
            properties.put("gpuops.providers.runpod.api-key", SandboxFleet.RUNPOD_KEY);
            properties.put("gpuops.providers.runpod.api-url", fleet.runPod().apiUrl());
            properties.put("gpuops.providers.runpod.graphql-url", fleet.runPod().graphqlUrl());
            properties.put("gpuops.providers.runpod.rest-url", fleet.runPod().restUrl());
        }
        if (blank(env, "gpuops.providers.lambda.api-key") && blank(env, "gpuops.providers.lambda.legacy-api-key")) {
            properties.put("gpuops.providers.lambda.api-key", SandboxFleet.LAMBDA_KEY);
            properties.put("gpuops.providers.lambda.api-url", fleet.lambda().baseUrl());
        }
        if (blank(env, "gpuops.providers.vast.api-key")) {
            properties.put("gpuops.providers.vast.api-key", SandboxFleet.VAST_KEY);
            properties.put("gpuops.providers.vast.api-url", fleet.vast().baseUrl());
        }
        if (blank(env, "AWS_ENDPOINT_URL") && blank(env, "AWS_ACCESS_KEY_ID") && blank(env, "AWS_PROFILE")) {
            properties.put("gpuops.providers.aws.sandbox-endpoint", fleet.aws().baseUrl().toString());
        }
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
