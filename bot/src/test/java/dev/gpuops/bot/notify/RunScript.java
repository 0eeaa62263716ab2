package dev.gpuops.bot.notify;

import dev.gpuops.event.Events;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.event.Verb;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds the events the runbook engine publishes for one run, as a test needs them. */
final class RunScript {

    static final Instant T0 = Instant.parse("2024-11-23T19:00:00Z");

    final String runId;
    final String channel;
    final String target;

    RunScript(String runId, String channel) {
        this.runId = runId;
        this.channel = channel;
        this.target = "box-1";
    }

    private Origin origin() {
        return new Origin("slack", channel, "U0ONCALL01", "alice", "trigger-" + runId);
    }

    RunQueued queued() {
        return new RunQueued(Events.newEventId(), T0, target, runId, Verb.RESTART, "restart box-1 worker-gpu", 0,
                null, origin());
    }

    RunStarted started(String... steps) {
        List<StepPlan> plan = java.util.Arrays.stream(steps)
                .map(id -> new StepPlan(id, "ssh.supervisorctl", "step " + id, true, false)).toList();
        return new RunStarted(Events.newEventId(), T0, target, runId, Verb.RESTART, "restart-supervisor",
                "restart box-1 worker-gpu", Map.of("program", "worker-gpu"), plan, origin());
    }

    StepStarted stepStarted(String step, int attempt) {
        return new StepStarted(Events.newEventId(), T0, target, runId, step, attempt);
    }

    StepProgressed progressed(String step, String message) {
        return new StepProgressed(Events.newEventId(), T0, target, runId, step, message);
    }

    StepSucceeded succeeded(String step, long millis) {
        return new StepSucceeded(Events.newEventId(), T0, target, runId, step, Duration.ofMillis(millis),
                step + " ok", Map.of());
    }

    StepFailed failed(String step, int attempt, String error, boolean willRetry) {
        return new StepFailed(Events.newEventId(), T0, target, runId, step, attempt, Duration.ofMillis(3200), error,
                willRetry);
    }

    FailureDiagnosed diagnosed(String step) {
        return diagnosed(step, List.of());
    }

    FailureDiagnosed diagnosed(String step, List<FailureDiagnosed.Alternative> alsoPossible) {
        return new FailureDiagnosed(Events.newEventId(), T0, target, runId, step, "gated-model", 0.9,
                "the model is gated on Hugging Face and HF_TOKEN is missing",
                "add HF_TOKEN to the box's env file", List.of("401 Client Error", "Access to model is restricted"),
                "/gpu deploy box-1 --force", alsoPossible);
    }

    RunFinished finished(RunOutcome outcome, String summary) {
        return new RunFinished(Events.newEventId(), T0, target, runId, outcome, summary, Duration.ofSeconds(42));
    }
}
