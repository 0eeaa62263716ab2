package dev.gpuops.bot.notify;

import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the Slack thread of one run should show, folded from its events. Owned by one channel lane's thread, so it is
 * deliberately not thread-safe.
 */
final class RunView {

    enum Phase { QUEUED, RUNNING, FINISHED }

    /** One line of the checklist. */
    static final class Step {
        final String id;
        String description;
        StepState state = StepState.PENDING;
        int attempt;
        Duration duration;
        String note;

        Step(String id, String description) {
            this.id = id;
            this.description = description;
        }

        void started(int attemptNumber) {
            state = StepState.RUNNING;
            attempt = attemptNumber;
        }

        void succeeded(StepSucceeded succeeded) {
            state = StepState.DONE;
            duration = succeeded.duration();
            note = succeeded.summary();
        }
    }

    private final String runId;
    private final String target;
    private final Map<String, Step> steps = new LinkedHashMap<>();
    private Phase phase = Phase.QUEUED;
    private String description;
    private String runbook;
    private Origin origin;
    private int aheadOf;
    private String blockedBy;
    private String latestProgress;
    private RunOutcome outcome;
    private String summary;
    private Duration duration;
    private String failedStep;
    private Approval approval;
    private FailureDiagnosed diagnosis;

    RunView(String runId, String target) {
        this.runId = runId;
        this.target = target;
    }

    void apply(RunEvent event) {
        switch (event) {
            case RunQueued queued -> queued(queued);
            case RunStarted started -> started(started);
            case StepStarted started -> step(started.stepId()).started(started.attempt());
            case StepProgressed progressed -> latestProgress = progressed.stepId() + ": " + progressed.message();
            case StepSucceeded succeeded -> step(succeeded.stepId()).succeeded(succeeded);
            case StepFailed failed -> failed(failed);
            case FailureDiagnosed diagnosed -> {
                failedStep = failedStep == null ? diagnosed.stepId() : failedStep;
                diagnosis = diagnosed;
            }
            case RunFinished finished -> finished(finished);
            case ApprovalRequested requested -> approval = new Approval(requested);
            case ApprovalGranted granted ->
                    decided(":white_check_mark: Approved by " + mention(granted.userId()), granted);
            case ApprovalDenied denied -> decided(":no_entry_sign: Denied by " + mention(denied.userId()), denied);
            case ApprovalExpired expired ->
                    decided(":hourglass: Expired: nobody decided in time; the run was cancelled", expired);
            case dev.gpuops.event.RunPlanned planned -> { }
        }
    }

    /** A step waiting for a second person, and once decided, the decision (who, when). */
    record Approval(ApprovalRequested request, String decision, java.time.Instant decidedAt) {
        Approval(ApprovalRequested request) {
            this(request, null, null);
        }

        boolean pending() {
            return decision == null;
        }
    }

    private void decided(String text, RunEvent event) {
        if (approval != null) {
            approval = new Approval(approval.request(), text, event.occurredAt());
        }
    }

    private static String mention(String userId) {
        return userId == null || !userId.matches("[UW][A-Z0-9]+") ? "someone" : "<@" + userId + ">";
    }

    Approval approval() {
        return approval;
    }

    private void queued(RunQueued queued) {
        description = firstNonBlank(description, queued.description(), queued.verb().key() + " " + target);
        origin = origin == null ? queued.origin() : origin;
        aheadOf = queued.aheadOf();
        blockedBy = queued.blockedBy();
    }

    private void started(RunStarted started) {
        description = firstNonBlank(started.description(), description, started.verb().key() + " " + target);
        origin = started.origin() == null ? origin : started.origin();
        runbook = started.runbook();
        if (phase == Phase.QUEUED) {
            phase = Phase.RUNNING;
        }
        for (StepPlan plan : started.steps()) {
            steps.computeIfAbsent(plan.id(), id -> new Step(id, plan.description())).description = plan.description();
        }
    }

    private void failed(StepFailed failed) {
        Step step = step(failed.stepId());
        step.attempt = failed.attempt();
        step.duration = failed.duration();
        step.state = failed.willRetry() ? StepState.RETRYING : StepState.FAILED;
        step.note = failed.willRetry() ? "attempt " + failed.attempt() + " failed, retrying" : null;
        if (!failed.willRetry()) {
            failedStep = failed.stepId();
        }
    }

    private void finished(RunFinished finished) {
        phase = Phase.FINISHED;
        outcome = finished.outcome();
        summary = finished.summary();
        duration = finished.duration();
    }

    private Step step(String id) {
        return steps.computeIfAbsent(id, key -> new Step(key, null));
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }

    String runId() {
        return runId;
    }

    Phase phase() {
        return phase;
    }

    boolean finished() {
        return phase == Phase.FINISHED;
    }

    boolean started() {
        return phase != Phase.QUEUED || !steps.isEmpty();
    }

    String description() {
        return description;
    }

    String runbook() {
        return runbook;
    }

    Origin origin() {
        return origin;
    }

    int aheadOf() {
        return aheadOf;
    }

    String blockedBy() {
        return blockedBy;
    }

    Collection<Step> steps() {
        return steps.values();
    }

    String latestProgress() {
        return latestProgress;
    }

    RunOutcome outcome() {
        return outcome;
    }

    String summary() {
        return summary;
    }

    Duration duration() {
        return duration;
    }

    String failedStep() {
        return failedStep;
    }

    /** The diagnosis of the failure or finding, when the engine published one. */
    FailureDiagnosed diagnosis() {
        return diagnosis;
    }

    String target() {
        return target;
    }
}
