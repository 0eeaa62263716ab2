package dev.gpuops.handlers;

import dev.gpuops.consumer.CommandConsumer;
import dev.gpuops.consumer.CommandDispatcher;
import dev.gpuops.consumer.CommandListeners;
import dev.gpuops.consumer.DeadLetters;
import dev.gpuops.consumer.KafkaRunEventSink;
import dev.gpuops.consumer.SeenEvents;
import dev.gpuops.consumer.RunOwnership;
import dev.gpuops.consumer.RunRecovery;
import dev.gpuops.runstate.CheckpointingSink;
import dev.gpuops.runstate.RunStateStore;
import org.springframework.context.annotation.Primary;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.RunbookLoader;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import dev.gpuops.runbook.engine.RunEventSink;
import dev.gpuops.runbook.engine.RunbookEngine;
import dev.gpuops.runbook.engine.TargetRunScheduler;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The handler side of gpuops, for the bot to import.
 * <p>
 * Needs from the context: a {@link HandlersSettings} bean, a {@link Services} bean, and every action as an
 * {@link Action} bean (the bot registers {@link dev.gpuops.runbook.BuiltInActions#all()}). Optional: a
 * {@link FailureAnalyzer} bean (diagnosis) and a {@link Clock} bean (default UTC system clock).
 * <p>
 * Startup fails with a {@link dev.gpuops.target.ConfigException} naming file, line and field when the targets file
 * or any runbook is wrong. The commands listener starts with the context and stops before the scheduler closes.
 * Topics are declared by whoever owns the Kafka administration (the bot creates all four with configured
 * partitions), except {@code gpuops.run-state}, which the handlers create (compacted) when it is missing. Runs are
 * durable: each is checkpointed on {@code gpuops.run-state} and rebuilt by whichever process owns its target's
 * partition after a crash, restart or rebalance ({@link RunRecovery}). Defines no ProducerFactory, ConsumerFactory or
 * KafkaTemplate beans, so Boot's Kafka auto-configuration is untouched.
 */
@Configuration(proxyBeanMethods = false)
public class HandlersConfiguration {

    @Bean
    public Targets gpuopsTargets(HandlersSettings settings) {
        return new TargetsLoader().load(settings.targetsFile());
    }

    @Bean
    public ActionRegistry actionRegistry(List<Action<?>> actions) {
        return new ActionRegistry(actions);
    }

    @Bean
    public RunbookCatalog runbookCatalog(HandlersSettings settings, ActionRegistry registry, Targets targets) {
        RunbookLoader loader = new RunbookLoader(registry, schema(settings.runbooksDir()));
        return RunbookCatalog.create(loader.load(settings.runbooksDir()), targets);
    }

    @Bean
    public KafkaRunEventSink runEventSink(HandlersSettings settings) {
        return KafkaRunEventSink.create(settings.bootstrapServers(), settings.kafkaClientProperties(),
                settings.publishTimeout());
    }

    /**
     * Durable run state ({@code gpuops.run-state}). Contacts Kafka only once partitions are assigned (recovery
     * creates the topic if missing), so gpuops still starts, and reports itself not ready, while Kafka is down.
     */
    @Bean
    public RunStateStore runStateStore(HandlersSettings settings) {
        return new RunStateStore(settings.bootstrapServers(), settings.kafkaClientProperties(),
                settings.publishTimeout());
    }

    /** What the engine and scheduler publish to: the run log, each event checkpointed first. */
    @Bean
    @Primary
    public CheckpointingSink checkpointingRunEventSink(KafkaRunEventSink runLog, RunStateStore store,
                                                       ObjectProvider<Clock> clock) {
        return new CheckpointingSink(runLog, store, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public RunRecovery runRecovery(Targets targets, RunbookCatalog catalog, ActionRegistry registry,
                                   TargetRunScheduler scheduler, RunEventSink sink, RunStateStore store,
                                   ObjectProvider<Clock> clock) {
        return new RunRecovery(targets, catalog, registry, scheduler, sink, store,
                clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    public RunbookEngine runbookEngine(ActionRegistry registry, Services services, RunEventSink sink,
                                       ObjectProvider<FailureAnalyzer> analyzer, ObjectProvider<Clock> clock) {
        return new RunbookEngine(registry, services, sink, analyzer.getIfAvailable(() -> FailureAnalyzer.NONE),
                clock.getIfAvailable(Clock::systemUTC), Sleeper.SYSTEM);
    }

    @Bean
    public TargetRunScheduler targetRunScheduler(RunbookEngine engine, RunEventSink sink,
                                                 ObjectProvider<Clock> clock, HandlersSettings settings) {
        return new TargetRunScheduler(engine, sink, clock.getIfAvailable(Clock::systemUTC),
                settings.shutdownGrace());
    }

    @Bean
    public CommandDispatcher commandDispatcher(Targets targets, RunbookCatalog catalog,
                                               TargetRunScheduler scheduler, RunEventSink sink,
                                               ObjectProvider<Clock> clock, RunStateStore store) {
        return new CommandDispatcher(targets, catalog, scheduler, sink, clock.getIfAvailable(Clock::systemUTC),
                new SeenEvents(), store);
    }

    @Bean
    public DeadLetters commandDeadLetters(HandlersSettings settings) {
        return new DeadLetters(settings.bootstrapServers(), settings.kafkaClientProperties());
    }

    @Bean
    public ConcurrentMessageListenerContainer<String, byte[]> commandListenerContainer(
            CommandDispatcher dispatcher, DeadLetters deadLetters, HandlersSettings settings,
            TargetRunScheduler scheduler, RunRecovery recovery) {
        ConcurrentMessageListenerContainer<String, byte[]> container = CommandListeners.container(
                new CommandConsumer(dispatcher), deadLetters, settings.bootstrapServers(),
                settings.kafkaClientProperties(), settings.listenerConcurrency(),
                new RunOwnership(scheduler, recovery));
        // a revoke waits up to the grace for running steps; stopping must outlast that, and no more
        container.getContainerProperties().setShutdownTimeout(settings.shutdownGrace().plusSeconds(3).toMillis());
        return container;
    }

    /** The runbooks jar's schema; a runbooks dir that carries its own {@code schema/} is the fallback. */
    private static RunbookSchema schema(Path runbooksDir) {
        if (RunbookSchema.class.getClassLoader().getResource(RunbookSchema.CLASSPATH_LOCATION) != null) {
            return RunbookSchema.fromClasspath();
        }
        Path local = runbooksDir.resolve("schema").resolve("runbook.schema.json");
        return Files.isRegularFile(local) ? RunbookSchema.from(local) : RunbookSchema.fromClasspath();
    }
}
