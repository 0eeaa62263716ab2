package dev.gpuops.bot.kafka;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * Stops gpuops before the JVM's shutdown hooks run, when it carries its in-process broker (the demo). Kafka's test
 * kit deletes the broker's temp log directory in a shutdown hook of its own, and the JVM runs all hooks at once, so a
 * plain Ctrl-C raced Spring's close: the broker, still flushing, found its files gone and logged ERROR stack traces.
 * On SIGINT or SIGTERM this closes the application first (the broker stops with it, consumers and the notifier
 * before it), then exits normally; the hooks then find nothing running.
 */
public final class StopBeforeExit {

    private static final Log LOG = LogFactory.getLog(StopBeforeExit.class);

    private StopBeforeExit() {
    }

    /** Installs the handlers if {@code context} runs the in-process broker; a production bot keeps the JVM's own. */
    public static void installIfEmbedded(ConfigurableApplicationContext context) {
        if (context.getBeanFactory().containsSingleton(EmbeddedKafkaInitializer.BEAN_NAME)) {
            install(context);
        }
    }

    static void install(ConfigurableApplicationContext context) {
        AtomicBoolean stopping = new AtomicBoolean();
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopping.compareAndSet(false, true)) {
                        LOG.info("SIG" + signal.getName() + ": stopping gpuops, then its in-process broker");
                        context.close();
                        Runtime.getRuntime().exit(0);
                    }
                });
            } catch (IllegalArgumentException e) {
                LOG.debug("cannot handle SIG" + name + " here (" + e.getMessage() + "); the JVM's default applies");
            }
        }
    }
}
