package dev.gpuops.bot.config;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Runs first, before the embedded broker or the sandbox start: decides the {@link StartupMode} and stops startup on
 * partial configuration. It is in the production code path on purpose, so it holds whether or not the sandbox is
 * on the classpath.
 */
public class FailClosedInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    /** The decided mode, for beans and tests: {@code DEMO} or {@code REAL}. */
    public static final String MODE_PROPERTY = "gpuops.startup-mode";
    static final String PROPERTY_SOURCE = "gpuops-startup-mode";
    static final String SANDBOX_CLASS = "dev.gpuops.sandbox.SandboxFleet";
    private static final Logger LOG = LoggerFactory.getLogger(FailClosedInitializer.class);

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment env = context.getEnvironment();
        if (env.getPropertySources().contains(PROPERTY_SOURCE)) {
            return;
        }
        StartupMode mode = StartupMode.decide(env::getProperty);
        if (mode == StartupMode.DEMO && !ClassUtils.isPresent(SANDBOX_CLASS, context.getClassLoader())) {
            throw new MisconfigurationException("gpuops will not start: nothing is configured and this build has no "
                    + "sandbox to run the demo. Set SLACK_SIGNING_SECRET, SLACK_BOT_TOKEN, GPUOPS_TARGETS_FILE and "
                    + "KAFKA_BOOTSTRAP_SERVERS (see README: Configuration), or run the demo with ./gpuops demo.");
        }
        if (mode == StartupMode.REAL && blank(env.getProperty("gpuops.kafka.bootstrap-servers"))) {
            LOG.warn("KAFKA_BOOTSTRAP_SERVERS is unset: runs, threads and dedupe live in an in-process broker and are "
                    + "lost when gpuops stops; point KAFKA_BOOTSTRAP_SERVERS at your cluster for production");
        }
        env.getPropertySources().addLast(new MapPropertySource(PROPERTY_SOURCE, Map.of(MODE_PROPERTY, mode.name())));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
