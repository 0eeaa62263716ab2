package dev.gpuops.consumer;

import dev.gpuops.event.Events;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.NoRunbookException;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.engine.ApprovalGate;
import dev.gpuops.runbook.engine.Interruptions;
import dev.gpuops.runbook.engine.PendingApproval;
import dev.gpuops.runbook.engine.Resumption;
import dev.gpuops.runbook.engine.RunEventSink;
import dev.gpuops.runbook.engine.RunRequest;
import dev.gpuops.runbook.engine.TargetRunScheduler;
import dev.gpuops.runstate.RunCheckpoint;
import dev.gpuops.runstate.RunStateStore;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rebuilds the unfinished runs of the targets this process now owns (at startup and whenever partitions of
 * {@code gpuops.commands} are assigned to it) from their checkpoints on {@code gpuops.run-state}:
 * <ul>
 *   <li>queued, never started → queued again, in arrival order per target;</li>
 *   <li>in flight at a step that is safe to repeat (idempotent and not destructive) → resumed from that step, saying
 *       so in the thread;</li>
 *   <li>in flight at any other step → never repeated: the run ends INTERRUPTED naming the step and what to check;</li>
 *   <li>between steps → resumed at the next step.</li>
 * </ul>
 * Runs in flight are resumed before queued ones, so a target's order is kept.
 */
public final class RunRecovery {

    public static final String RESUMED = "resumed after a restart of gpuops";

    private static final Logger LOG = LoggerFactory.getLogger(RunRecovery.class);

    private final dev.gpuops.target.Targets targets;
    private final RunbookCatalog catalog;
    private final ActionRegistry registry;
    private final TargetRunScheduler scheduler;
    private final RunEventSink sink;
    private final RunStateStore store;
    private final Clock clock;
    private final ApprovalGate approvals;

    public RunRecovery(dev.gpuops.target.Targets targets, RunbookCatalog catalog, ActionRegistry registry,
                       TargetRunScheduler scheduler, RunEventSink sink, RunStateStore store, Clock clock) {
        this(targets, catalog, registry, scheduler, sink, store, clock, new ApprovalGate());
    }

    /**
     * @param approvals the engine's gate: a run that was waiting for approval is announced there before it is
     *                  resubmitted, so a decision consumed before it reaches its step again is kept for it
     */
    public RunRecovery(dev.gpuops.target.Targets targets, RunbookCatalog catalog, ActionRegistry registry,
                       TargetRunScheduler scheduler, RunEventSink sink, RunStateStore store, Clock clock,
                       ApprovalGate approvals) {
        this.approvals = approvals;
        this.targets = targets;
        this.catalog = catalog;
        this.registry = registry;
        this.scheduler = scheduler;
        this.sink = sink;
        this.store = store;
        this.clock = clock;
    }

    /** @return how many unfinished runs were taken back (resumed, queued or ended INTERRUPTED) */
    public int recover(Predicate<String> ownedTargets) {
        List<RunCheckpoint> unfinished = store.reload().values().stream()
                .filter(c -> !c.finished() && ownedTargets.test(c.target()))
                .sorted(Comparator.comparing((RunCheckpoint c) -> c.phase() == RunCheckpoint.Phase.QUEUED)
                        .thenComparingLong(RunCheckpoint::seq))
                .toList();
        for (RunCheckpoint checkpoint : unfinished) {
            try {
                recover(checkpoint);
            } catch (RuntimeException e) {
                LOG.error("could not recover run {} on {}; it stays recorded and is tried again at the next start",
                        checkpoint.runId(), checkpoint.target(), e);
            }
        }
        if (!unfinished.isEmpty()) {
            LOG.info("recovered {} unfinished run(s) from {}", unfinished.size(), Events.RUN_STATE_TOPIC);
        }
        return unfinished.size();
    }

    private void recover(RunCheckpoint checkpoint) {
        Optional<Target> target = targets.find(checkpoint.target());
        if (target.isEmpty()) {
            end(checkpoint, RunOutcome.FAILED, "target `" + checkpoint.target() + "` is no longer in the targets file"
                    + " after the restart of gpuops; nothing more was done");
            return;
        }
        Runbook runbook;
        try {
            runbook = catalog.select(checkpoint.verb(), target.get());
        } catch (NoRunbookException e) {
            end(checkpoint, RunOutcome.FAILED, e.getMessage());
            return;
        }
        RunRequest request = new RunRequest(checkpoint.runId(), target.get(), checkpoint.verb(), runbook,
                checkpoint.inputs(), checkpoint.origin(), checkpoint.description());
        // a run that was waiting for approval never started the step it waited at (the checkpoint is "between
        // steps"): it resumes before that step and keeps waiting there, with the deadline it had
        switch (checkpoint.phase()) {
            case QUEUED -> scheduler.submitRecovered(request, null);
            case RUNNING -> resumeOrInterrupt(checkpoint, request);
            case FINISHED -> { }
        }
    }

    private void resumeOrInterrupt(RunCheckpoint checkpoint, RunRequest request) {
        String inFlight = checkpoint.stepInFlight();
        if (inFlight == null) {
            Optional<RunbookStep> next = request.runbook().steps().stream()
                    .filter(s -> !checkpoint.completed().contains(s.id())).findFirst();
            if (next.isEmpty()) {
                end(checkpoint, RunOutcome.SUCCEEDED, "all steps done; gpuops restarted before it could say so");
                return;
            }
            PendingApproval wait = checkpoint.approval();
            if (wait != null && wait.stepId().equals(next.get().id())) {
                approvals.expect(new ApprovalGate.Waiting(request.runId(), request.target().name(), wait.stepId(),
                        wait.requesterId()));
                submit(request, new Resumption(wait.stepId(), checkpoint.outputs(), RESUMED + "; step `"
                        + wait.stepId() + "` still waits for approval", wait));
                return;
            }
            scheduler.submitRecovered(request, new Resumption(next.get().id(), checkpoint.outputs(),
                    RESUMED + "; continuing with step `" + next.get().id() + "`"));
            return;
        }
        Optional<RunbookStep> step = request.runbook().steps().stream().filter(s -> s.id().equals(inFlight))
                .findFirst();
        // a destructive step is never repeated, even one whose action calls itself idempotent (a purge run twice
        // would also drop the jobs queued since the first one): the run ends INTERRUPTED and says what to check
        boolean repeatable = step.flatMap(s -> registry.find(s.action()))
                .map(a -> a.idempotent() && !a.destructive()).orElse(false);
        if (repeatable) {
            scheduler.submitRecovered(request, new Resumption(inFlight, checkpoint.outputs(),
                    RESUMED + "; step `" + inFlight + "` is safe to repeat and runs again"));
            return;
        }
        String action = step.map(RunbookStep::action).orElse("unknown action");
        end(checkpoint, RunOutcome.INTERRUPTED, Interruptions.summary(inFlight, action, checkpoint.target(),
                "gpuops restarted"));
    }

    private void submit(RunRequest request, Resumption from) {
        try {
            scheduler.submitRecovered(request, from);
        } catch (RuntimeException e) {
            approvals.forget(request.runId());
            throw e;
        }
    }

    private void end(RunCheckpoint checkpoint, RunOutcome outcome, String summary) {
        LOG.info("run {} on {} ends {} after a restart: {}", checkpoint.runId(), checkpoint.target(), outcome,
                summary);
        sink.publish(new RunFinished(Events.newEventId(), clock.instant(), checkpoint.target(), checkpoint.runId(),
                outcome, Redactor.redact(summary), Duration.ZERO));
    }
}
