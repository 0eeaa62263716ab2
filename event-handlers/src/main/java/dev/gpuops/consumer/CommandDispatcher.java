package dev.gpuops.consumer;

import dev.gpuops.event.CancelRequested;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import dev.gpuops.event.IngressEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.NoRunbookException;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.engine.RunEventSink;
import dev.gpuops.runbook.engine.RunRequest;
import dev.gpuops.runbook.engine.TargetRunScheduler;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dev.gpuops.runstate.RunCheckpoint;
import dev.gpuops.runstate.RunStateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns ingress events into runs: validates the target, picks the runbook and hands the run to the scheduler (which
 * publishes RunQueued before returning). Returns quickly; nothing here waits for a run. Redelivered events are
 * ignored by event id.
 */
public final class CommandDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(CommandDispatcher.class);

    private final Targets targets;
    private final RunbookCatalog catalog;
    private final TargetRunScheduler scheduler;
    private final RunEventSink sink;
    private final Clock clock;
    private final SeenEvents seen;
    private final RunStateStore store;

    public CommandDispatcher(Targets targets, RunbookCatalog catalog, TargetRunScheduler scheduler,
                             RunEventSink sink, Clock clock, SeenEvents seen) {
        this(targets, catalog, scheduler, sink, clock, seen, null);
    }

    /**
     * @param store durable run state: every command is recorded there (queued) before its RunQueued, and a command
     *              whose run id is already recorded (a Slack retry, a redelivery after a rebalance or a crash) is
     *              ignored; null keeps only the in-memory dedupe
     */
    public CommandDispatcher(Targets targets, RunbookCatalog catalog, TargetRunScheduler scheduler,
                             RunEventSink sink, Clock clock, SeenEvents seen, RunStateStore store) {
        this.store = store;
        this.targets = targets;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.sink = sink;
        this.clock = clock;
        this.seen = seen;
    }

    /**
     * @throws PoisonRecordException for an event that can never be handled
     * @throws RuntimeException      for a transient failure (publishing); the caller retries
     */
    public void dispatch(IngressEvent event) {
        if (event.eventId() == null || event.eventId().isBlank()) {
            throw new PoisonRecordException(event.getClass().getSimpleName() + " without an eventId");
        }
        if (seen.contains(event.eventId())) {
            LOG.info("ignoring redelivered event {}", event.eventId());
            return;
        }
        switch (event) {
            case CommandReceived command -> handle(command);
            case CancelRequested cancel -> cancel(cancel);
        }
        seen.add(event.eventId());
    }

    private void handle(CommandReceived command) {
        if (command.runId() == null || command.verb() == null || command.target() == null) {
            throw new PoisonRecordException("CommandReceived " + command.eventId()
                    + " lacks a runId, verb or target");
        }
        if (store != null) {
            Optional<RunCheckpoint> known = store.find(command.runId());
            if (known.isPresent()) {
                LOG.info("ignoring command {} for run {}: that run is already recorded ({})", command.eventId(),
                        command.runId(), known.get().phase());
                return;
            }
            store.put(new RunCheckpoint(command.runId(), command.target(), command.verb(), command.describe(),
                    command.inputs(), command.origin(), command.eventId(), store.nextSeq(),
                    RunCheckpoint.Phase.QUEUED, null, List.of(), Map.of(), null, clock.instant()));
        }
        Optional<Target> target = targets.find(command.target());
        if (target.isEmpty()) {
            reject(command, "unknown target `" + command.target() + "`; known targets: "
                    + String.join(", ", targets.names()));
            return;
        }
        Runbook runbook;
        try {
            runbook = catalog.select(command.verb(), target.get());
        } catch (NoRunbookException e) {
            reject(command, e.getMessage());
            return;
        }
        scheduler.submit(new RunRequest(command.runId(), target.get(), command.verb(), runbook, command.inputs(),
                command.origin(), command.describe()));
    }

    private void cancel(CancelRequested cancel) {
        String who = cancel.origin() == null || cancel.origin().userName() == null ? "a user"
                : cancel.origin().userName();
        TargetRunScheduler.CancelResult result = scheduler.cancel(cancel.runId(), "cancelled by " + who);
        LOG.info("cancel of run {} by {}: {}", cancel.runId(), who, result);
    }

    /** RunQueued first, so the notifier knows the channel and the user sees why nothing ran. */
    private void reject(CommandReceived command, String why) {
        sink.publish(new RunQueued(Events.newEventId(), clock.instant(), command.target(), command.runId(),
                command.verb(), command.describe(), 0, null, command.origin()));
        sink.publish(new RunFinished(Events.newEventId(), clock.instant(), command.target(), command.runId(),
                RunOutcome.REJECTED, Redactor.redact(why), Duration.ZERO));
    }
}
