package dev.gpuops.runstate;

import dev.gpuops.event.Origin;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.engine.PendingApproval;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The latest durable state of one run, the value on {@code gpuops.run-state} (key = run id). Written before the run
 * log says the same thing, so whatever the run log shows is already recoverable.
 *
 * @param commandEventId the CommandReceived that asked for the run (durable dedupe of redeliveries)
 * @param inputs         the command's inputs as given (the runbook's defaults are applied again on resume)
 * @param seq            arrival order on this target: recovered queued runs start in this order
 * @param stepInFlight   the step whose StepStarted was recorded and that has not succeeded yet; null between steps
 * @param completed      steps that succeeded (or were skipped), in order
 * @param outputs        their outputs, for {@code ${steps.<id>.<name>}} in the steps still to run
 * @param outcome        set once the run finished; kept (until retention) so a late redelivery does nothing
 * @param approval       the approval the run waits for before its next step (asked, not yet decided); null otherwise.
 *                       A restart resumes the wait with the same deadline instead of starting a new one
 */
public record RunCheckpoint(String runId, String target, Verb verb, String description, Map<String, String> inputs,
                            Origin origin, String commandEventId, long seq, Phase phase, String stepInFlight,
                            List<String> completed, Map<String, Map<String, String>> outputs, RunOutcome outcome,
                            Instant updatedAt, PendingApproval approval) {

    public enum Phase { QUEUED, RUNNING, FINISHED }

    /** A checkpoint with no approval pending (every state but "asked, not decided"). */
    public RunCheckpoint(String runId, String target, Verb verb, String description, Map<String, String> inputs,
                         Origin origin, String commandEventId, long seq, Phase phase, String stepInFlight,
                         List<String> completed, Map<String, Map<String, String>> outputs, RunOutcome outcome,
                         Instant updatedAt) {
        this(runId, target, verb, description, inputs, origin, commandEventId, seq, phase, stepInFlight, completed,
                outputs, outcome, updatedAt, null);
    }

    public RunCheckpoint {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        completed = completed == null ? List.of() : List.copyOf(completed);
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public boolean finished() {
        return phase == Phase.FINISHED;
    }

    RunCheckpoint running(Instant at) {
        return new RunCheckpoint(runId, target, verb, description, inputs, origin, commandEventId, seq, Phase.RUNNING,
                stepInFlight, completed, outputs, outcome, at, approval);
    }

    /** Waiting for approval of {@code wait.stepId()}; a second ask for the same step keeps the first deadline. */
    RunCheckpoint awaiting(PendingApproval wait, Instant at) {
        PendingApproval kept = approval != null && wait != null && approval.stepId().equals(wait.stepId())
                ? approval : wait;
        return new RunCheckpoint(runId, target, verb, description, inputs, origin, commandEventId, seq, phase,
                stepInFlight, completed, outputs, outcome, at, kept);
    }

    RunCheckpoint stepStarted(String stepId, Instant at) {
        return new RunCheckpoint(runId, target, verb, description, inputs, origin, commandEventId, seq, Phase.RUNNING,
                stepId, completed, outputs, outcome, at);
    }

    RunCheckpoint stepDone(String stepId, Map<String, String> stepOutputs, Instant at) {
        List<String> done = new java.util.ArrayList<>(completed);
        if (!done.contains(stepId)) {
            done.add(stepId);
        }
        Map<String, Map<String, String>> all = new LinkedHashMap<>(outputs);
        all.put(stepId, stepOutputs == null ? Map.of() : Map.copyOf(stepOutputs));
        return new RunCheckpoint(runId, target, verb, description, inputs, origin, commandEventId, seq, Phase.RUNNING,
                null, done, all, outcome, at);
    }

    RunCheckpoint finished(RunOutcome how, Instant at) {
        // inputs and outputs are no longer needed: keep the finished record small
        return new RunCheckpoint(runId, target, verb, description, Map.of(), origin, commandEventId, seq,
                Phase.FINISHED, null, completed, Map.of(), how, at);
    }
}
