package dev.gpuops.consumer;

import dev.gpuops.access.AccessControl;
import dev.gpuops.access.CommandGuard;
import dev.gpuops.access.GroupDirectory;
import dev.gpuops.audit.AuditLog;
import dev.gpuops.audit.AuditRecord;
import dev.gpuops.event.ApprovalSubmitted;
import dev.gpuops.event.Origin;
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
import dev.gpuops.runbook.engine.ApprovalGate;
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
    private final CommandGuard guard;
    private final ApprovalGate approvals;
    private AuditLog audit = AuditLog.NONE;
    private final Map<String, String> requesters = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
                    return size() > 10_000;
                }
            });
    private final RunStateStore store;

    /** Judges commands by the targets file's access policies, without user-group expansion. */
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
        this(targets, catalog, scheduler, sink, clock, seen,
                new CommandGuard(new AccessControl(targets.access(), GroupDirectory.NONE)), new ApprovalGate(), store);
    }

    /**
     * @param guard     re-checks every consumed command against the access policy and the inputs allow-list
     * @param approvals the engine's waiting runs, which approval decisions are handed to
     * @param store     as above
     */
    public CommandDispatcher(Targets targets, RunbookCatalog catalog, TargetRunScheduler scheduler,
                             RunEventSink sink, Clock clock, SeenEvents seen, CommandGuard guard,
                             ApprovalGate approvals, RunStateStore store) {
        this.guard = guard;
        this.approvals = approvals;
        this.store = store;
        this.targets = targets;
        this.catalog = catalog;
        this.scheduler = scheduler;
        this.sink = sink;
        this.clock = clock;
        this.seen = seen;
    }

    /** Records every command taken or refused, and every refused approval decision, on the audit log. */
    public CommandDispatcher withAudit(AuditLog auditLog) {
        this.audit = auditLog;
        return this;
    }

    private void audit(IngressEvent event, String runId, String action, String outcome, String detail) {
        Origin origin = switch (event) {
            case CommandReceived c -> c.origin();
            case CancelRequested c -> c.origin();
            case ApprovalSubmitted a -> a.origin();
        };
        audit.record(new AuditRecord(Events.newEventId(), clock.instant(), event.target(), runId,
                origin == null ? null : origin.userId(), origin == null ? null : origin.source(), action, outcome,
                detail == null ? null : Redactor.redact(detail)));
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
            case ApprovalSubmitted decision -> decide(decision);
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
        Optional<String> refusal = guard.refusal(command, target.get());
        if (refusal.isPresent()) {
            LOG.warn("refused {} of run {} from {}: {}", command.verb().key(), command.runId(),
                    command.origin() == null ? "no origin" : command.origin().userId(), refusal.get());
            audit(command, command.runId(), command.describe(), "refused", refusal.get());
            reject(command, refusal.get());
            return;
        }
        audit(command, command.runId(), command.describe(), "accepted", null);
        Runbook runbook;
        try {
            runbook = catalog.select(command.verb(), target.get());
        } catch (NoRunbookException e) {
            reject(command, e.getMessage());
            return;
        }
        if (command.origin() != null) {
            requesters.put(command.runId(), String.valueOf(command.origin().userId()));
        }
        scheduler.submit(new RunRequest(command.runId(), target.get(), command.verb(), runbook, command.inputs(),
                command.origin(), command.describe()));
    }

    private void cancel(CancelRequested cancel) {
        Optional<Target> target = targets.find(cancel.target());
        String userId = cancel.origin() == null ? null : cancel.origin().userId();
        String channel = cancel.origin() == null ? null : cancel.origin().channel();
        Optional<String> refusal = target.isEmpty() ? Optional.of("unknown target " + cancel.target())
                : CommandGuard.refusalText(guard.access().cancel(target.get(), userId, channel,
                requesters.get(cancel.runId())));
        if (refusal.isPresent()) {
            LOG.warn("refused cancel of run {} by {}: {}", cancel.runId(), userId, refusal.get());
            audit(cancel, cancel.runId(), "cancel " + cancel.runId(), "refused", refusal.get());
            return;
        }
        audit(cancel, cancel.runId(), "cancel " + cancel.runId(), "accepted", null);
        String who = cancel.origin() == null || cancel.origin().userName() == null ? "a user"
                : cancel.origin().userName();
        TargetRunScheduler.CancelResult result = scheduler.cancel(cancel.runId(), "cancelled by " + who);
        LOG.info("cancel of run {} by {}: {}", cancel.runId(), who, result);
    }

    private void decide(ApprovalSubmitted decision) {
        Optional<ApprovalGate.Waiting> waiting = approvals.waiting(decision.runId());
        String userId = decision.origin() == null ? null : decision.origin().userId();
        if (waiting.isEmpty()) {
            LOG.info("decision on run {} by {}: the run is not waiting for approval here", decision.runId(), userId);
            return;
        }
        Optional<Target> target = targets.find(waiting.get().target());
        Optional<String> refusal = target.isEmpty() || userId == null ? Optional.of("no such target or user")
                : CommandGuard.refusalText(guard.access().approval(target.get(), userId,
                decision.origin().channel(), waiting.get().requesterId()));
        if (refusal.isPresent()) {
            LOG.warn("refused the decision on run {} by {}: {}", decision.runId(), userId, refusal.get());
            audit(decision, decision.runId(), (decision.approve() ? "approve" : "deny") + " step "
                    + waiting.get().stepId(), "refused", refusal.get());
            return;
        }
        approvals.decide(decision.runId(), decision.stepId(), new ApprovalGate.Decision(decision.approve(), userId,
                decision.origin().userName()));
    }

    /** RunQueued first, so the notifier knows the channel and the user sees why nothing ran. */
    private void reject(CommandReceived command, String why) {
        sink.publish(new RunQueued(Events.newEventId(), clock.instant(), command.target(), command.runId(),
                command.verb(), command.describe(), 0, null, command.origin()));
        sink.publish(new RunFinished(Events.newEventId(), clock.instant(), command.target(), command.runId(),
                RunOutcome.REJECTED, Redactor.redact(why), Duration.ZERO));
    }
}
