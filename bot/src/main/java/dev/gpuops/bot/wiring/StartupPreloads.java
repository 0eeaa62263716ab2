package dev.gpuops.bot.wiring;

import dev.gpuops.diagnosis.EngineFailureAnalyzer;
import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Starts the slow, self-contained parts of startup on one background thread before the context refreshes, so they
 * run on the second core while the main thread parses the configuration classes and builds Tomcat and the beans
 * (Spring Boot's own {@code BackgroundPreinitializer} does the same for Jackson and validation). Measured with
 * {@code ./gpuops bench startup} and a BufferingApplicationStartup, these were the largest beans on the main thread:
 * <ul>
 *   <li>sshj's {@code DefaultConfig}: registering BouncyCastle, a signed jar no class-data archive can hold;</li>
 *   <li>the failure-pattern catalog: parsing, validating and compiling every pattern;</li>
 *   <li>the runbook JSON Schema (compiled once per JVM by {@code SchemaFile}) and the shipped actions' classes.</li>
 * </ul>
 * Nothing is skipped: the beans that need these wait for them, and a broken catalog fails startup with the same
 * exception (file, line, field) as when the bean loads it itself. Registered by {@code GpuopsApplication.main}, after
 * every other initializer (the fail-closed check first: a refused configuration starts nothing).
 */
public final class StartupPreloads implements ApplicationContextInitializer<ConfigurableApplicationContext>, Ordered {

    static final String BEAN = "gpuopsStartupPreloads";
    private static final Logger LOG = LoggerFactory.getLogger(StartupPreloads.class);

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (context.getBeanFactory().containsSingleton(BEAN)) {
            return;
        }
        Path patterns = patternsDir(context.getEnvironment().getProperty("gpuops.runbooks-dir"));
        context.getBeanFactory().registerSingleton(BEAN, Loads.start(patterns));
    }

    /** The patterns directory the {@code failureAnalyzer} bean will ask for, or null when it will fail to find one. */
    private static Path patternsDir(String configured) {
        try {
            Path dir = configured == null || configured.isBlank() ? null : Path.of(configured);
            return HandlersWiring.runbooksDir(dir).resolve("patterns");
        } catch (RuntimeException e) {
            return null; // the bean reports it, with its own message
        }
    }

    /** What the background thread loads; beans take their part with {@link #failureAnalyzer(Path)}. */
    public static final class Loads {

        private final Path patternsDir;
        private final CompletableFuture<FailureAnalyzer> failureAnalyzer = new CompletableFuture<>();

        private Loads(Path patternsDir) {
            this.patternsDir = patternsDir;
        }

        /** Starts loading on a daemon thread ({@code gpuops-preload}); {@code patternsDir} may be null. */
        static Loads start(Path patternsDir) {
            Loads loads = new Loads(patternsDir);
            Thread.ofPlatform().name("gpuops-preload").daemon().start(loads::run);
            return loads;
        }

        private void run() {
            // in the order the main thread needs them: the actions right after the configuration is parsed, the
            // runbook schema and sshj while the beans are built, the catalog last
            warmUp("the shipped actions", BuiltInActions::all);
            warmUp("the runbook schema", () -> {
                if (RunbookSchema.onClasspath()) {
                    RunbookSchema.fromClasspath();
                }
            });
            warmUp("sshj", net.schmizz.sshj.DefaultConfig::new);
            if (patternsDir == null) {
                failureAnalyzer.cancel(false);
                return;
            }
            try {
                failureAnalyzer.complete(EngineFailureAnalyzer.load(patternsDir));
            } catch (Throwable e) { // handed to the bean, which rethrows it on the main thread
                failureAnalyzer.completeExceptionally(e);
            }
        }

        /**
         * Runs what a bean will run again on the main thread, which then finds the classes initialised (sshj's
         * BouncyCastle registration) or the result cached (the compiled schema). A failure is left to that bean to
         * report, with its own message.
         */
        private static void warmUp(String what, Runnable work) {
            try {
                work.run();
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("preloading {} failed; the bean that needs it will load it itself", what, e);
            }
        }

        /**
         * The catalog at {@code patterns}: the preloaded one when it was loaded from the same directory, else loaded
         * now. A catalog that failed to load throws what loading it here would have thrown.
         */
        public FailureAnalyzer failureAnalyzer(Path patterns) {
            if (!patterns.equals(patternsDir) || failureAnalyzer.isCancelled()) {
                return EngineFailureAnalyzer.load(patterns);
            }
            try {
                return failureAnalyzer.join();
            } catch (CompletionException e) {
                throw rethrown(e.getCause());
            }
        }

        private static RuntimeException rethrown(Throwable cause) {
            if (cause instanceof RuntimeException runtime) {
                return runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            return new IllegalStateException(cause);
        }
    }
}
