package dev.gpuops.seeds;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepSucceeded;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The events one run published, as a Slack thread would receive them, with the questions the tests ask. */
record SeedRun(String runbook, List<RunEvent> events) {

    RunFinished finished() {
        return events.stream().filter(RunFinished.class::isInstance).map(RunFinished.class::cast).findFirst()
                .orElseThrow(() -> new AssertionError("run of " + runbook + " never finished: " + this));
    }

    RunOutcome outcome() {
        return finished().outcome();
    }

    Optional<FailureDiagnosed> diagnosis() {
        return events.stream().filter(FailureDiagnosed.class::isInstance).map(FailureDiagnosed.class::cast)
                .findFirst();
    }

    /** The step whose failure ended the run. */
    Optional<String> failedStep() {
        return events.stream().filter(StepFailed.class::isInstance).map(StepFailed.class::cast)
                .filter(f -> !f.willRetry()).reduce((first, second) -> second).map(StepFailed::stepId);
    }

    Optional<String> summary(String stepId) {
        return events.stream().filter(StepSucceeded.class::isInstance).map(StepSucceeded.class::cast)
                .filter(s -> s.stepId().equals(stepId)).map(StepSucceeded::summary).findFirst();
    }

    /** Everything a reader of the thread saw, for assertion messages and secret checks. */
    String thread() {
        return events.stream().map(e -> switch (e) {
            case StepSucceeded s -> "✓ " + s.stepId() + ": " + s.summary() + " " + s.outputs();
            case StepFailed f -> "✗ " + f.stepId() + " (attempt " + f.attempt() + "): " + f.error();
            case StepProgressed p -> "… " + p.stepId() + ": " + p.message();
            case FailureDiagnosed d -> "🩺 " + d.patternId() + " (" + d.confidence() + "): " + d.meaning() + " | "
                    + String.join(" / ", d.evidence()) + " | " + d.remediation();
            case RunFinished r -> "■ " + r.outcome() + ": " + r.summary();
            default -> e.getClass().getSimpleName();
        }).collect(Collectors.joining("\n"));
    }

    @Override
    public String toString() {
        return runbook + "\n" + thread();
    }
}
