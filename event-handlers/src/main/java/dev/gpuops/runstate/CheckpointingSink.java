package dev.gpuops.runstate;

import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunPlanned;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.runbook.engine.PendingApproval;
import dev.gpuops.runbook.engine.RunEventSink;
import java.time.Clock;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The run log with a memory: before a run event goes to {@code gpuops.runs}, the run's checkpoint on
 * {@code gpuops.run-state} is moved to match (RunStarted → running, StepStarted → that step in flight,
 * StepSucceeded → done with its outputs, RunFinished → finished). Checkpoint first, so anything the run log (and the
 * Slack thread) shows is already recoverable, and a step never starts before "it is in flight" is durable: if that
 * write fails, {@link #publish} throws and the engine does not start the step.
 */
public final class CheckpointingSink implements RunEventSink {

    private final RunEventSink runLog;
    private final RunStateStore store;
    private final Clock clock;

    public CheckpointingSink(RunEventSink runLog, RunStateStore store, Clock clock) {
        this.runLog = runLog;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void publish(RunEvent event) {
        UnaryOperator<RunCheckpoint> move = switch (event) {
            case RunStarted started -> c -> c.running(clock.instant());
            case StepStarted started -> c -> c.stepStarted(started.stepId(), clock.instant());
            case StepSucceeded done -> c -> c.stepDone(done.stepId(), done.outputs(), clock.instant());
            case RunFinished finished -> c -> c.finished(finished.outcome(), clock.instant());
            case RunQueued queued -> null;
            case StepProgressed progressed -> null;
            case StepFailed failed -> null;
            case FailureDiagnosed diagnosed -> null;
            // a run waiting for approval has not started its step: after a restart it resumes before that step and
            // keeps waiting there, with the same deadline. A decision the run log shows but whose step never
            // started is not carried over: the step asks again (nothing destructive runs on a pre-crash decision)
            case ApprovalRequested requested -> c -> c.awaiting(new PendingApproval(requested.stepId(),
                    requested.occurredAt(), requested.expiresAt(), requested.requesterId()), clock.instant());
            case ApprovalGranted granted -> c -> c.awaiting(null, clock.instant());
            case ApprovalDenied denied -> c -> c.awaiting(null, clock.instant());
            case ApprovalExpired expired -> c -> c.awaiting(null, clock.instant());
            case RunPlanned planned -> null;
        };
        if (move != null) {
            Optional<RunCheckpoint> current = store.find(event.runId());
            current.ifPresent(c -> store.put(move.apply(c)));
        }
        runLog.publish(event);
    }
}
