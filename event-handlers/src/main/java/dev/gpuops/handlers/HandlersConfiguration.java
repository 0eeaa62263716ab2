package dev.gpuops.handlers;

import dev.gpuops.access.AccessControl;
import dev.gpuops.access.CommandGuard;
import dev.gpuops.access.GroupDirectory;
import dev.gpuops.audit.AuditLog;
import dev.gpuops.audit.AuditingRunEventSink;
import dev.gpuops.audit.KafkaAuditLog;
import dev.gpuops.consumer.CommandConsumer;
import dev.gpuops.consumer.CommandDispatcher;
import dev.gpuops.consumer.CommandListeners;
import dev.gpuops.kafka.DeadLetters;
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
import dev.gpuops.yaml.SchemaFile;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.engine.ApprovalGate;
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
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The handler side of gpuops, for the bot to import.
 * <p>
 * Needs from the context: a {@link HandlersSettings} bean, a {@link Services} bean, and every action as an
 * {@link Action} bean (the bot registers {@link dev.gpuops.runbook.BuiltInActions#all()}). Optional: a
 * {@link FailureAnalyzer} bean (diagnosis), a {@link Clock} bean (default UTC system clock) and a
 * {@link QueueLimits} bean (default 20 queued runs per target).
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

    /** Who may do what, per target; user groups are expanded by the context's {@link GroupDirectory} if any. */
    @Bean
    public AccessControl accessControl(Targets targets, ObjectProvider<GroupDirectory> groups) {
        return new AccessControl(targets.access(), groups.getIfAvailable(() -> GroupDirectory.NONE));
    }

    /** Commands, refusals, approval decisions and run outcomes, on {@code gpuops.audit}. */
    @Bean(destroyMethod = "close")
    public KafkaAuditLog auditLog(HandlersSettings settings) {
        return new KafkaAuditLog(settings.bootstrapServers(), settings.kafkaClientProperties(),
                settings.publishTimeout());
    }

    @Bean
    public ApprovalGate approvalGate() {
        return new ApprovalGate();
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
                                   ObjectProvider<Clock> clock, ApprovalGate approvals) {
        return new RunRecovery(targets, catalog, registry, scheduler, sink, store,
                clock.getIfAvailable(Clock::systemUTC), approvals);
    }

    @Bean
    public RunbookEngine runbookEngine(ActionRegistry registry, Services services, RunEventSink sink,
                                       ObjectProvider<FailureAnalyzer> analyzer, ObjectProvider<Clock> clock,
                                       ApprovalGate approvals, AccessControl access, AuditLog audit) {
        return new RunbookEngine(registry, services, new AuditingRunEventSink(sink, audit),
                analyzer.getIfAvailable(() -> FailureAnalyzer.NONE),
                clock.getIfAvailable(Clock::systemUTC), Sleeper.SYSTEM, approvals, access);
    }

    @Bean
    public TargetRunScheduler targetRunScheduler(RunbookEngine engine, RunEventSink sink,
                                                 ObjectProvider<Clock> clock, HandlersSettings settings,
                                                 ObjectProvider<QueueLimits> limits, AuditLog audit) {
        return new TargetRunScheduler(engine, new AuditingRunEventSink(sink, audit),
                clock.getIfAvailable(Clock::systemUTC), settings.shutdownGrace(),
                limits.getIfAvailable(QueueLimits::defaults).maxQueuedPerTarget());
    }

    @Bean
    public CommandDispatcher commandDispatcher(Targets targets, RunbookCatalog catalog,
                                               TargetRunScheduler scheduler, RunEventSink sink,
                                               ObjectProvider<Clock> clock, AccessControl access,
                                               ApprovalGate approvals, AuditLog audit, RunStateStore store) {
        return new CommandDispatcher(targets, catalog, scheduler, new AuditingRunEventSink(sink, audit),
                clock.getIfAvailable(Clock::systemUTC), new SeenEvents(), new CommandGuard(access), approvals, store)
                .withAudit(audit);
    }

    @Bean
    public DeadLetters commandDeadLetters(HandlersSettings settings) {
        return new DeadLetters(settings.bootstrapServers(), settings.kafkaClientProperties());
    }

    @Bean
    public ConcurrentMessageListenerContainer<String, byte[]> commandListenerContainer(
            CommandDispatcher dispatcher, DeadLetters commandDeadLetters, HandlersSettings settings,
            ObjectProvider<ConsumerFactory.Listener<String, byte[]>> consumerListeners,
            TargetRunScheduler scheduler, RunRecovery recovery) {
        // by name: in the bot, DeadLetterConfiguration's botDeadLetters is a DeadLetters bean too
        ConcurrentMessageListenerContainer<String, byte[]> container = CommandListeners.container(
                new CommandConsumer(dispatcher), commandDeadLetters, settings.bootstrapServers(),
                settings.kafkaClientProperties(), settings.listenerConcurrency(),
                consumerListeners.orderedStream().toList(), new RunOwnership(scheduler, recovery));
        // a revoke waits up to the grace for running steps; stopping must outlast that, and no more
        container.getContainerProperties().setShutdownTimeout(settings.shutdownGrace().plusSeconds(3).toMillis());
        return container;
    }

    /** The runbooks jar's schema; a runbooks dir that carries its own {@code schema/} is the fallback. */
    private static SchemaFile schema(Path runbooksDir) {
        if (RunbookSchema.onClasspath()) {
            return RunbookSchema.fromClasspath();
        }
        Path local = runbooksDir.resolve("schema").resolve("runbook.schema.json");
        return Files.isRegularFile(local) ? RunbookSchema.from(local) : RunbookSchema.fromClasspath();
    }
}
