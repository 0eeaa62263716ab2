package dev.gpuops.bot.runs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.Verb;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunsViewTest {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    private static final Origin ALICE = new Origin("slack", "C1", "U1", "alice", "trigger-1");

    private final RunsView view = new RunsView(3);

    @Test
    void followsARunFromRequestToFinish() {
        view.requested(new CommandReceived("e0", T0, "box-1", "r-aaaaaaaa", Verb.RESTART,
                Map.of("program", "worker-gpu"), ALICE));
        assertThat(view.find("r-aaaaaaaa")).get().satisfies(run -> {
            assertThat(run.description()).isEqualTo("restart box-1 worker-gpu");
            assertThat(run.state()).isEqualTo("requested");
            assertThat(run.requestedBy()).isEqualTo("alice");
        });
        view.accept(new RunQueued("e1", T0.plusSeconds(1), "box-1", "r-aaaaaaaa", Verb.RESTART,
                "restart box-1 worker-gpu", 1, "r-bbbbbbbb", ALICE));
        assertThat(view.find("r-aaaaaaaa").get().state()).isEqualTo("queued behind 1 (r-bbbbbbbb holds the target)");
        view.accept(new StepStarted("e2", T0.plusSeconds(2), "box-1", "r-aaaaaaaa", "restart", 2));
        assertThat(view.find("r-aaaaaaaa").get().state()).isEqualTo("running: step restart (attempt 2)");
        view.accept(new StepFailed("e3", T0.plusSeconds(3), "box-1", "r-aaaaaaaa", "restart", 2, Duration.ZERO,
                "exit 1", false));
        view.accept(new RunFinished("e4", T0.plusSeconds(4), "box-1", "r-aaaaaaaa", RunOutcome.FAILED,
                "restart failed", Duration.ofSeconds(4)));
        assertThat(view.find("r-aaaaaaaa").get().state()).isEqualTo("failed: restart failed");
        assertThat(view.find("r-aaaaaaaa").get().finished()).isTrue();
    }

    @Test
    void aLateEventDoesNotReopenAFinishedRun() {
        view.accept(new RunFinished("e4", T0, "box-1", "r-aaaaaaaa", RunOutcome.SUCCEEDED, "", Duration.ZERO));
        view.accept(new StepStarted("e2", T0.minusSeconds(1), "box-1", "r-aaaaaaaa", "restart", 1));
        assertThat(view.find("r-aaaaaaaa").get().state()).isEqualTo("succeeded");
    }

    @Test
    void listsInFlightRunsFirstAndEvictsFinishedOnesFirst() {
        view.accept(new RunFinished("e1", T0, "box-1", "r-00000001", RunOutcome.SUCCEEDED, null, Duration.ZERO));
        view.accept(new StepStarted("e2", T0.plusSeconds(1), "box-1", "r-00000002", "s", 1));
        view.accept(new StepStarted("e3", T0.plusSeconds(2), "pod-1", "r-00000003", "s", 1));
        assertThat(view.recent(10)).extracting(RunSummary::runId)
                .containsExactly("r-00000003", "r-00000002", "r-00000001");
        view.accept(new StepStarted("e4", T0.plusSeconds(3), "pod-1", "r-00000004", "s", 1));
        assertThat(view.find("r-00000001")).isEmpty();
        assertThat(view.recent(2)).extracting(RunSummary::runId).containsExactly("r-00000004", "r-00000003");
    }

    @Test
    void evictsTheRunThatFinishedLongestAgoThenTheOldestInFlight() {
        view.accept(new StepStarted("e1", T0, "box-1", "r-00000001", "s", 1));
        view.accept(new RunFinished("e2", T0.plusSeconds(1), "box-2", "r-00000002", RunOutcome.SUCCEEDED, null,
                Duration.ZERO));
        view.accept(new RunFinished("e3", T0.plusSeconds(2), "box-3", "r-00000003", RunOutcome.FAILED, null,
                Duration.ZERO));
        view.accept(new StepStarted("e4", T0.plusSeconds(3), "box-4", "r-00000004", "s", 1));
        assertThat(view.find("r-00000002")).isEmpty();
        assertThat(view.find("r-00000001")).isPresent();
        view.accept(new StepStarted("e5", T0.plusSeconds(4), "box-5", "r-00000005", "s", 1));
        assertThat(view.find("r-00000003")).isEmpty();
        view.accept(new StepStarted("e6", T0.plusSeconds(5), "box-6", "r-00000006", "s", 1));
        assertThat(view.find("r-00000001")).as("no finished run left: the least recently updated goes").isEmpty();
        assertThat(view.recent(10)).extracting(RunSummary::runId)
                .containsExactly("r-00000006", "r-00000005", "r-00000004");
    }

    @Test
    void listsOnlyTheRunsTheFilterLetsThroughBeforeTheLimit() {
        view.accept(new StepStarted("e1", T0, "secret-1", "r-00000001", "s", 1));
        view.accept(new StepStarted("e2", T0.plusSeconds(1), "secret-1", "r-00000002", "s", 1));
        view.accept(new StepStarted("e3", T0.minusSeconds(1), "box-1", "r-00000003", "s", 1));

        assertThat(view.recent(1, run -> run.target().equals("box-1"))).extracting(RunSummary::runId)
                .containsExactly("r-00000003");
    }

    @Test
    void remembersHowTheLastApprovalEndedForALateClick() {
        view.accept(new dev.gpuops.event.ApprovalRequested("e1", T0, "box-1", "r-00000001", "restart",
                "runtime.restart", "restart stops x", "U1", "anyone", T0.plusSeconds(60)));
        assertThat(view.approvalDecided("r-00000001")).isEmpty();
        view.accept(new dev.gpuops.event.ApprovalExpired("e2", T0.plusSeconds(60), "box-1", "r-00000001",
                "restart", Duration.ofSeconds(60)));

        assertThat(view.waitingApproval("r-00000001")).isEmpty();
        assertThat(view.approvalDecided("r-00000001")).get()
                .isInstanceOf(dev.gpuops.event.ApprovalExpired.class);
        view.accept(new dev.gpuops.event.ApprovalGranted("e3", T0.plusSeconds(61), "box-1", "r-00000002",
                "restart", "U2", "bob"));
        assertThat(view.approvalDecided("r-00000002")).as("a decision on no known wait is not remembered")
                .isEmpty();
    }
}
