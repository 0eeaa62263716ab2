package dev.gpuops.bot.wiring;

import dev.gpuops.bot.config.GpuopsProperties;
import dev.gpuops.bot.config.KafkaSecurityProperties;
import dev.gpuops.bot.config.QueueProperties;
import dev.gpuops.bot.kafka.KafkaClientSecurity;
import dev.gpuops.bot.targets.TargetDirectory;
import dev.gpuops.diagnosis.EngineFailureAnalyzer;
import dev.gpuops.handlers.HandlersConfiguration;
import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.handlers.HandlersSettings;
import dev.gpuops.handlers.QueueLimits;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import dev.gpuops.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** Composes the handler side into the bot: settings, provider clients, every shipped action. */
@Configuration(proxyBeanMethods = false)
@Import(HandlersConfiguration.class)
@EnableConfigurationProperties(ProviderProperties.class)
public class HandlersWiring {

    @Bean
    HandlersSettings handlersSettings(GpuopsProperties properties, Environment environment,
                                      KafkaSecurityProperties security) {
        String bootstrap = environment.getRequiredProperty("spring.kafka.bootstrap-servers");
        HandlersSettings defaults = HandlersSettings.of(properties.targetsPath(), runbooksDir(properties), bootstrap);
        // GPUOPS_SHUTDOWN_GRACE: how long SIGTERM lets running steps finish before interrupting them
        Duration grace = environment.getProperty("gpuops.shutdown-grace", Duration.class, defaults.shutdownGrace());
        if (grace.isNegative()) {
            throw new IllegalStateException("GPUOPS_SHUTDOWN_GRACE must not be negative (got " + grace + ")");
        }
        // the handlers' consumer, runs producer and dead-letter producer carry the same security as the bot's clients
        return new HandlersSettings(defaults.targetsFile(), defaults.runbooksDir(), bootstrap,
                KafkaClientSecurity.common(security), defaults.listenerConcurrency(), defaults.publishTimeout(),
                grace);
    }

    @Bean
    QueueLimits queueLimits(QueueProperties properties) {
        return new QueueLimits(properties.maxPerTarget());
    }

    @Bean
    EnvironmentSecrets environmentSecrets(Environment environment) {
        return new EnvironmentSecrets(environment);
    }

    @Bean(destroyMethod = "close")
    SshConnector sshConnector(ProviderProperties properties) {
        return new SshConnector(properties.sshConnectTimeout());
    }

    @Bean
    Services actionServices(ProviderProperties properties, EnvironmentSecrets secrets, SshConnector ssh) {
        return ProviderServices.create(properties, secrets, ssh);
    }

    /** Diagnoses failed runs with the failure-pattern catalog in the runbooks dir's {@code patterns/}. */
    @Bean
    FailureAnalyzer failureAnalyzer(GpuopsProperties properties, ObjectProvider<StartupPreloads.Loads> preloads) {
        Path patterns = runbooksDir(properties).resolve("patterns");
        StartupPreloads.Loads loads = preloads.getIfAvailable();
        // started by GpuopsApplication.main before the refresh; tests that build the context themselves load it here
        return loads == null ? EngineFailureAnalyzer.load(patterns) : loads.failureAnalyzer(patterns);
    }

    @Bean
    TargetDirectory targetDirectory(Targets targets) {
        return new EngineTargetDirectory(targets);
    }

    /** Registers every shipped action as a bean, so the handlers' action registry sees them all. */
    @Bean
    static BeanDefinitionRegistryPostProcessor gpuopsActionBeans() {
        return registry -> {
            for (Action<?> action : BuiltInActions.all()) {
                RootBeanDefinition definition = new RootBeanDefinition(castClass(action), () -> action);
                registry.registerBeanDefinition("action:" + action.key(), definition);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private static Class<Action<?>> castClass(Action<?> action) {
        return (Class<Action<?>>) action.getClass();
    }

    /** {@code GPUOPS_RUNBOOKS_DIR}, else the repository's {@code runbooks/} seen from the working directory. */
    static Path runbooksDir(GpuopsProperties properties) {
        return runbooksDir(properties.runbooksPath());
    }

    /** {@link #runbooksDir(GpuopsProperties)} from the configured directory, null when none is. */
    static Path runbooksDir(Path configured) {
        if (configured != null) {
            return configured;
        }
        for (Path candidate : List.of(Path.of("runbooks"), Path.of("..", "runbooks"))) {
            if (Files.isDirectory(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("no runbooks directory: set GPUOPS_RUNBOOKS_DIR to the directory holding the"
                + " runbook YAML files (the repository's runbooks/), or start gpuops from the repository root");
    }
}
