package dev.gpuops.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepPlan;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.runbook.Fixtures;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookLoader;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RunbookEngineTest {

    private static final TestActions ACTIONS_FOR_LOADING = new TestActions();
    private static final List<Runbook> RUNBOOKS = new RunbookLoader(ACTIONS_FOR_LOADING.registry(),
            RunbookSchema.fromClasspath()).load(Fixtures.runbooks("engine"));
    private static final Targets TARGETS = new TargetsLoader().load(Fixtures.targets("targets.yaml"));

    private final TestActions actions = new TestActions();
    private final RecordingSink sink = new RecordingSink();
    private final SettableClock clock = new SettableClock();
    private final AtomicReference<FailedRun> analysed = new AtomicReference<>();
    private final RunbookEngine engine = new RunbookEngine(actions.registry(), new Services(), sink, failure -> {
        analysed.set(failure);
        return Optional.of(new FailureDiagnosed("d-1", clock.instant(), failure.target().name(), failure.runId(),
                failure.stepId(), "test-pattern", 0.9, "it broke", "fix it", List.of(failure.error()), null));
    }, clock, clock::sleep);

    @Test
    void runsStepsInOrderAndPublishesTheWholeChecklistFirst() {
        RunFinished finished = run("order", "box-1", Map.of());

        assertThat(sink.log("r-1")).containsExactly("RunStarted",
                "StepStarted:first#1", "StepSucceeded:first",
                "StepStarted:second#1", "StepSucceeded:second",
                "StepStarted:third#1", "StepSucceeded:third",
                "RunFinished:SUCCEEDED");
        assertThat(actions.calls).extracting(c -> c.substring(c.indexOf("message=") + 8, c.indexOf(',')))
                .containsExactly("one", "two", "three");
        RunStarted started = sink.of(RunStarted.class).getFirst();
        assertThat(started.steps()).extracting(StepPlan::id).containsExactly("first", "second", "third");
        assertThat(started.steps().getFirst()).isEqualTo(
                new StepPlan("first", "test.echo", "test action test.echo", true, false));
        assertThat(started.runbook()).isEqualTo("order");
        assertThat(finished.summary()).isEqualTo("3 of 3 steps done");
    }

    @Test
    void substitutesInputsTargetFieldsAndEarlierOutputs() {
        run("substitution", "box-1", Map.of("program", "worker-gpu", "ignored", "x"));

        TestActions.EchoParams announce = (TestActions.EchoParams) actions.params.get(0);
        assertThat(announce.message()).isEqualTo("ghcr.io/acme/worker:canary on 10.0.0.5:2222 for worker-gpu");
        assertThat(announce.items()).containsExactly("fastapi", "worker-cpu", "worker-gpu");
        assertThat(announce.pause()).isEqualTo(Duration.ofMinutes(2));
        TestActions.EchoParams reuse = (TestActions.EchoParams) actions.params.get(1);
        assertThat(reuse.message()).isEqualTo(
                "GHCR.IO/ACME/WORKER:CANARY ON 10.0.0.5:2222 FOR WORKER-GPU /  / ${HOME}");
        assertThat(reuse.count()).as("box-1 has no container section").isNull();
        assertThat(sink.of(RunStarted.class).getFirst().inputs())
                .containsOnly(Map.entry("tag", "canary"), Map.entry("program", "worker-gpu"));
    }

    @Test
    void rejectsARunMissingARequiredInputBeforeAnyStep() {
        RunFinished finished = run("substitution", "box-1", Map.of("tag", "v2"));

        assertThat(finished.outcome()).isEqualTo(RunOutcome.REJECTED);
        assertThat(finished.summary()).contains("missing input `program`");
        assertThat(sink.log("r-1")).containsExactly("RunFinished:REJECTED");
        assertThat(actions.calls).isEmpty();
    }

    @Test
    void skipsAStepWhoseWhenIsEmptyAndRunsItWhenGiven() {
        run("when", "box-1", Map.of());
        assertThat(actions.calls).hasSize(1).allMatch(c -> c.contains("message=always"));
        StepSucceeded skipped = sink.of(StepSucceeded.class).getFirst();
        assertThat(skipped.stepId()).isEqualTo("restart-one");
        assertThat(skipped.summary()).startsWith("skipped: `when: ${inputs.program}` is false");
        assertThat(sink.of(RunFinished.class).getFirst().summary()).isEqualTo("1 of 2 steps done, 1 skipped");

        actions.calls.clear();
        run("when", "box-1", Map.of("program", "worker-cpu"));
        assertThat(actions.calls).hasSize(2).first().asString().contains("restart worker-cpu");
    }

    @Test
    void aStepThatOverrunsItsTimeoutIsInterruptedAndNotRetried() {
        RunFinished finished = run("timeout", "box-1", Map.of());

        assertThat(sink.log("r-1")).containsExactly("RunStarted", "StepStarted:hang#1", "StepFailed:hang#1",
                "FailureDiagnosed", "RunFinished:FAILED");
        assertThat(sink.of(StepFailed.class).getFirst().error()).startsWith("timed out after 200ms");
        assertThat(finished.summary()).startsWith("step `hang` (test.block) failed: timed out after 200ms");
    }

    @Test
    void retriesRetryableFailuresWithTheDelayUntilTheyWork() {
        RunFinished finished = run("retry", "box-1", Map.of());

        assertThat(sink.log("r-1")).containsExactly("RunStarted",
                "StepStarted:flaky#1", "StepFailed:flaky#1(retry)",
                "StepStarted:flaky#2", "StepFailed:flaky#2(retry)",
                "StepStarted:flaky#3", "StepSucceeded:flaky",
                "StepStarted:after#1", "StepSucceeded:after",
                "RunFinished:SUCCEEDED");
        assertThat(clock.totalSlept()).isEqualTo(Duration.ofSeconds(10));
        assertThat(finished.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    }

    @Test
    void doesNotRetryAFailureThatIsNotRetryable() {
        run("retry", "box-1", Map.of("retryable", "false"));

        assertThat(sink.log("r-1")).containsExactly("RunStarted", "StepStarted:flaky#1", "StepFailed:flaky#1",
                "FailureDiagnosed", "RunFinished:FAILED");
        assertThat(clock.totalSlept()).isZero();
    }

    @Test
    void continuesPastAFailureMarkedContinueAndStopsAtTheNextOne() {
        RunFinished finished = run("continue", "box-1", Map.of());

        assertThat(sink.log("r-1")).containsExactly("RunStarted",
                "StepStarted:collect#1", "StepFailed:collect#1",
                "StepStarted:report#1", "StepSucceeded:report",
                "StepStarted:fatal#1", "StepFailed:fatal#1",
                "FailureDiagnosed", "RunFinished:FAILED");
        assertThat(finished.summary()).contains("step `fatal`").doesNotContain("supersecretvalue123");
        assertThat(sink.of(StepFailed.class).get(1).error()).isEqualTo("token=[REDACTED] rejected");
        FailedRun failure = analysed.get();
        assertThat(failure.stepId()).isEqualTo("fatal");
        assertThat(failure.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.STEP_ERROR,
                Evidence.Kind.COMMAND_OUTPUT, Evidence.Kind.STEP_ERROR);
        assertThat(failure.outputs()).containsKey("report");
        assertThat(sink.of(FailureDiagnosed.class).getFirst().patternId()).isEqualTo("test-pattern");
    }

    @Test
    void cancellationStopsTheRunAfterTheCurrentStep() throws Exception {
        RunControl control = new RunControl();
        CompletableFuture<RunFinished> result = CompletableFuture.supplyAsync(
                () -> engine.run(request("cancel", "box-1", Map.of()), control));
        sink.await(e -> e instanceof StepStarted s && s.stepId().equals("wait"));

        control.cancel("cancelled by alice");
        RunFinished finished = result.get(20, TimeUnit.SECONDS);

        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished.summary()).isEqualTo("cancelled by alice before step `next`");
        assertThat(sink.log("r-1")).containsExactly("RunStarted", "StepStarted:wait#1", "StepSucceeded:wait",
                "RunFinished:CANCELLED");
    }

    @Test
    void runsDestructiveStepsOnStagingWithoutAskingAndMarksThemInThePlan() {
        RunFinished staging = engine.run(new RunRequest("r-2", target("box-1"), null, runbook("production"),
                Map.of(), origin(), null), new RunControl());
        assertThat(staging.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(actions.calls).hasSize(2);
        assertThat(sink.of(RunStarted.class).getFirst().steps()).extracting(StepPlan::destructive)
                .containsExactly(false, true);
        assertThat(sink.log("r-2")).noneMatch(line -> line.startsWith("Approval"));
    }

    private RunFinished run(String runbook, String target, Map<String, String> inputs) {
        return engine.run(request(runbook, target, inputs), new RunControl());
    }

    private RunRequest request(String runbook, String target, Map<String, String> inputs) {
        return new RunRequest("r-1", target(target), null, runbook(runbook), inputs, origin(), null);
    }

    static Runbook runbook(String name) {
        return RUNBOOKS.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    static Target target(String name) {
        return TARGETS.find(name).orElseThrow();
    }

    static Origin origin() {
        return new Origin("slack", "C1", "U1", "alice", "trigger-1");
    }
}
