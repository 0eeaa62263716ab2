package dev.gpuops.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.access.AccessControl;
import dev.gpuops.target.AccessPolicies;
import dev.gpuops.target.AccessPolicy;
import dev.gpuops.access.GroupDirectory;
import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.ApprovalRequested;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.runbook.Fixtures;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.runbook.RunbookLoader;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The two-person rule in the engine: which steps wait, and what each decision (or none) does to the run. */
class StepApprovalTest {

    private static final List<Runbook> RUNBOOKS = new RunbookLoader(new TestActions().registry(),
            RunbookSchema.fromClasspath()).load(Fixtures.runbooks("engine"));
    private static final Targets TARGETS = new TargetsLoader().load(Fixtures.targets("targets.yaml"));
    private static final AccessPolicy PROD = new AccessPolicy(List.of(), List.of("*"), List.of("U1"),
            List.of("U2", "U3"), false, Duration.ofMinutes(10));

    private final TestActions actions = new TestActions();
    private final RecordingSink sink = new RecordingSink();
    private final SettableClock clock = new SettableClock();
    private final ApprovalGate gate = new ApprovalGate();
    private final RunbookEngine engine = new RunbookEngine(actions.registry(), new Services(), sink, null, clock,
            clock::sleep, gate, new AccessControl(new AccessPolicies(null, Map.of("image-server", PROD)),
            GroupDirectory.NONE));

    @Test
    void aDestructiveStepOnProductionWaitsAndRunsOnceApproved() throws Exception {
        CompletableFuture<RunFinished> run = start("production", "image-server");
        ApprovalRequested asked = (ApprovalRequested) sink.await(e -> e instanceof ApprovalRequested);

        assertThat(asked.stepId()).isEqualTo("restart");
        assertThat(asked.requesterId()).isEqualTo("U1");
        assertThat(asked.approvers()).isEqualTo("<@U2>, <@U3>");
        assertThat(asked.expiresAt()).isEqualTo(asked.occurredAt().plus(Duration.ofMinutes(10)));
        assertThat(asked.blastRadius()).as("no live reading for the test action: its description")
                .isEqualTo("test action test.restart");
        assertThat(actions.calls).as("the safe step ran, the destructive one waits").hasSize(1);
        assertThat(gate.waiting("r-1")).get().extracting(ApprovalGate.Waiting::stepId).isEqualTo("restart");

        assertThat(gate.decide("r-1", "other-step", new ApprovalGate.Decision(true, "U2", "bob"))).isFalse();
        assertThat(gate.decide("r-1", "restart", new ApprovalGate.Decision(true, "U2", "bob"))).isTrue();
        RunFinished finished = run.get(20, TimeUnit.SECONDS);

        assertThat(finished.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(actions.calls).hasSize(2).last().asString().startsWith("test.restart");
        assertThat(sink.log("r-1")).containsSubsequence("StepSucceeded:look", "ApprovalRequested",
                "ApprovalGranted", "StepStarted:restart#1", "StepSucceeded:restart", "RunFinished:SUCCEEDED");
        assertThat(sink.of(ApprovalGranted.class).getFirst().userId()).isEqualTo("U2");
        assertThat(gate.waiting("r-1")).isEmpty();
    }

    @Test
    void aDeniedStepDoesNotRunAndTheRunEndsCancelled() throws Exception {
        CompletableFuture<RunFinished> run = start("production", "image-server");
        sink.await(e -> e instanceof ApprovalRequested);

        gate.decide("r-1", null, new ApprovalGate.Decision(false, "U3", "carol"));
        RunFinished finished = run.get(20, TimeUnit.SECONDS);

        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished.summary()).isEqualTo("cancelled before step `restart`: step `restart` was denied by "
                + "carol; it did not run");
        assertThat(actions.calls).hasSize(1);
        assertThat(sink.of(ApprovalDenied.class)).singleElement().extracting(ApprovalDenied::userId)
                .isEqualTo("U3");
    }

    @Test
    void nobodyDecidingWithinTheTimeoutCancelsTheRun() throws Exception {
        CompletableFuture<RunFinished> run = start("production", "image-server");
        sink.await(e -> e instanceof ApprovalRequested);

        clock.advance(Duration.ofMinutes(10));
        RunFinished finished = run.get(20, TimeUnit.SECONDS);

        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished.summary()).contains("nobody approved step `restart` within 10m");
        assertThat(sink.of(ApprovalExpired.class)).singleElement()
                .extracting(ApprovalExpired::waited).isEqualTo(Duration.ofMinutes(10));
        assertThat(actions.calls).hasSize(1);
    }

    @Test
    void cancellingAWaitingRunStopsItBeforeTheStep() throws Exception {
        RunControl control = new RunControl();
        CompletableFuture<RunFinished> run = CompletableFuture.supplyAsync(() -> engine.run(
                request("production", "image-server"), control));
        sink.await(e -> e instanceof ApprovalRequested);

        control.cancel("cancelled by alice");
        RunFinished finished = run.get(20, TimeUnit.SECONDS);

        assertThat(finished.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(finished.summary()).isEqualTo("cancelled before step `restart`: cancelled by alice");
        assertThat(actions.calls).hasSize(1);
    }

    @Test
    void aConfirmStepWaitsEvenOnStagingAndAnUnmarkedOneDoesNot() throws Exception {
        CompletableFuture<RunFinished> run = start("confirm", "box-1");
        ApprovalRequested asked = (ApprovalRequested) sink.await(e -> e instanceof ApprovalRequested);

        assertThat(asked.stepId()).isEqualTo("careful");
        assertThat(asked.approvers()).as("staging without an access section: anyone but the requester")
                .isEqualTo("anyone");
        gate.decide("r-1", "careful", new ApprovalGate.Decision(true, "U9", "dave"));

        assertThat(run.get(20, TimeUnit.SECONDS).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(actions.calls).hasSize(2);
    }

    @Test
    void aShutdownWhileWaitingEndsNothingAndTheResumedRunWaitsUntilTheSameDeadline() throws Exception {
        RunControl control = new RunControl();
        CompletableFuture<RunFinished> run = CompletableFuture.supplyAsync(() -> engine.run(
                request("production", "image-server"), control));
        ApprovalRequested asked = (ApprovalRequested) sink.await(e -> e instanceof ApprovalRequested);

        control.suspend();
        assertThat(run.get(20, TimeUnit.SECONDS)).as("suspended: no RunFinished, the wait stays recoverable")
                .isNull();
        assertThat(sink.log("r-1")).noneMatch(e -> e.startsWith("RunFinished") || e.startsWith("Approval")
                && !e.startsWith("ApprovalRequested"));

        clock.advance(Duration.ofMinutes(4));
        PendingApproval wait = new PendingApproval("restart", asked.occurredAt(), asked.expiresAt(), "U1");
        gate.expect(new ApprovalGate.Waiting("r-1", "image-server", "restart", "U1"));
        assertThat(gate.decide("r-1", "restart", new ApprovalGate.Decision(true, "U3", "carol")))
                .as("a click consumed before the resumed run reaches its step again is kept").isTrue();
        RunFinished resumed = engine.resume(request("production", "image-server"), new RunControl(),
                new Resumption("restart", Map.of(), "resumed", wait));

        assertThat(resumed.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(sink.of(ApprovalRequested.class)).hasSize(2).allSatisfy(a -> assertThat(a.expiresAt())
                .isEqualTo(asked.expiresAt()));
        assertThat(sink.of(ApprovalGranted.class)).singleElement().extracting(ApprovalGranted::userId)
                .isEqualTo("U3");
        assertThat(actions.calls).as("look once, then restart once").hasSize(2).last().asString()
                .startsWith("test.restart");
    }

    @Test
    void aWaitWhoseDeadlinePassedDuringTheRestartExpiresWithoutAskingAgain() {
        java.time.Instant asked = clock.instant().minus(Duration.ofMinutes(11));
        RunFinished resumed = engine.resume(request("production", "image-server"), new RunControl(),
                new Resumption("restart", Map.of(), "resumed", new PendingApproval("restart", asked,
                        asked.plus(Duration.ofMinutes(10)), "U1")));

        assertThat(resumed.outcome()).isEqualTo(RunOutcome.CANCELLED);
        assertThat(resumed.summary()).contains("nobody approved step `restart` within 10m");
        assertThat(sink.of(ApprovalRequested.class)).isEmpty();
        assertThat(sink.of(ApprovalExpired.class)).singleElement().extracting(ApprovalExpired::waited)
                .isEqualTo(Duration.ofMinutes(11));
        assertThat(actions.calls).isEmpty();
    }

    private CompletableFuture<RunFinished> start(String runbook, String target) {
        return CompletableFuture.supplyAsync(() -> engine.run(request(runbook, target), new RunControl()));
    }

    private static RunRequest request(String runbook, String target) {
        Runbook book = RUNBOOKS.stream().filter(r -> r.name().equals(runbook)).findFirst().orElseThrow();
        Target t = TARGETS.find(target).orElseThrow();
        return new RunRequest("r-1", t, null, book, Map.of(), new Origin("slack", "C1", "U1", "alice", "t-1"),
                null);
    }
}
