package dev.gpuops.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepStarted;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TargetRunSchedulerTest {

    private final RecordingSink sink = new RecordingSink();
    private final SettableClock clock = new SettableClock();
    private final RunbookEngine engine = new RunbookEngine(new TestActions().registry(), new Services(), sink,
            FailureAnalyzer.NONE, clock, clock::sleep);
    private final TargetRunScheduler scheduler = new TargetRunScheduler(engine, sink, clock, Duration.ofSeconds(10));

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void queuesASecondRunForABusyTargetAndTellsWhoBlocksIt() throws Exception {
        RunQueued first = scheduler.submit(request("r-1", "cancel", "box-1")).orElseThrow();
        sink.await(step("r-1", "wait"));
        RunQueued second = scheduler.submit(request("r-2", "order", "box-1")).orElseThrow();
        RunQueued third = scheduler.submit(request("r-3", "order", "box-1")).orElseThrow();

        assertThat(first.aheadOf()).isZero();
        assertThat(first.blockedBy()).isNull();
        assertThat(second.aheadOf()).isEqualTo(1);
        assertThat(second.blockedBy()).isEqualTo("r-1");
        assertThat(third.aheadOf()).isEqualTo(2);
        assertThat(third.blockedBy()).isEqualTo("r-1");
        assertThat(sink.events("r-2")).extracting(RecordingSink::describe).containsExactly("RunQueued");
        assertThat(scheduler.runs()).extracting(TargetRunScheduler.ScheduledRun::runId, 
                TargetRunScheduler.ScheduledRun::running)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("r-1", true),
                        org.assertj.core.groups.Tuple.tuple("r-2", false),
                        org.assertj.core.groups.Tuple.tuple("r-3", false));

        assertThat(scheduler.cancel("r-1", "cancelled by alice")).isEqualTo(TargetRunScheduler.CancelResult.SIGNALLED);
        sink.await(finished("r-3"));

        List<String> order = sink.events().stream()
                .filter(e -> e instanceof RunStarted || e instanceof RunFinished)
                .map(e -> e.runId() + ":" + RecordingSink.describe(e)).toList();
        assertThat(order).containsExactly("r-1:RunStarted", "r-1:RunFinished:CANCELLED",
                "r-2:RunStarted", "r-2:RunFinished:SUCCEEDED", "r-3:RunStarted", "r-3:RunFinished:SUCCEEDED");
    }

    @Test
    void differentTargetsRunInParallel() throws Exception {
        scheduler.submit(request("r-1", "cancel", "box-1"));
        sink.await(step("r-1", "wait"));

        RunQueued other = scheduler.submit(request("r-2", "order", "huihuang")).orElseThrow();
        RunFinished done = (RunFinished) sink.await(finished("r-2"));

        assertThat(other.aheadOf()).isZero();
        assertThat(done.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(sink.events("r-1")).noneMatch(e -> e instanceof RunFinished);
        scheduler.cancel("r-1", "test over");
    }

    @Test
    void cancellingAQueuedRunRemovesItWithoutStartingIt() throws Exception {
        scheduler.submit(request("r-1", "cancel", "box-1"));
        sink.await(step("r-1", "wait"));
        scheduler.submit(request("r-2", "order", "box-1"));

        assertThat(scheduler.cancel("r-2", "cancelled by bob")).isEqualTo(
                TargetRunScheduler.CancelResult.REMOVED_FROM_QUEUE);
        scheduler.cancel("r-1", "done");
        sink.await(finished("r-1"));

        assertThat(sink.log("r-2")).containsExactly("RunQueued", "RunFinished:CANCELLED");
        assertThat(sink.of(RunFinished.class).getFirst().summary()).isEqualTo("cancelled by bob before it started");
        assertThat(scheduler.cancel("r-404", "nobody")).isEqualTo(TargetRunScheduler.CancelResult.NOT_FOUND);
    }

    @Test
    void theSameRunIdIsNotSubmittedTwice() throws Exception {
        scheduler.submit(request("r-1", "cancel", "box-1"));
        sink.await(step("r-1", "wait"));

        Optional<RunQueued> again = scheduler.submit(request("r-1", "cancel", "box-1"));

        assertThat(again).isEmpty();
        assertThat(sink.of(RunQueued.class)).hasSize(1);
        scheduler.cancel("r-1", "done");
    }

    @Test
    void shutdownLeavesQueuedRunsQueuedStopsRunningOnesResumablyAndRefusesNewOnes() throws Exception {
        // the waiting step outlasts any grace: 200 ms shows what the 10 s of the other tests would, 10 s sooner
        TargetRunScheduler quick = new TargetRunScheduler(engine, sink, clock, Duration.ofMillis(200));
        quick.submit(request("r-1", "cancel", "box-1"));
        sink.await(step("r-1", "wait"));
        quick.submit(request("r-2", "order", "box-1"));

        quick.close();

        assertThat(quick.idle()).isTrue();
        // the idempotent step outlasted the grace and was interrupted: no RunFinished, the next owner runs it again
        assertThat(sink.log("r-1")).doesNotContain("RunFinished:CANCELLED", "RunFinished:INTERRUPTED")
                .noneMatch(e -> e.startsWith("RunFinished"));
        // the queued run is not cancelled: it stays queued (in its checkpoint) for the next owner
        assertThat(sink.log("r-2")).containsExactly("RunQueued");
        assertThatThrownBy(() -> quick.submit(request("r-3", "order", "huihuang")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shutting down");
    }

    @Test
    void aFullQueueRefusesTheNextRunSayingTheTargetIsBusy() throws Exception {
        TargetRunScheduler bounded = new TargetRunScheduler(engine, sink, clock, Duration.ofSeconds(10), 2);
        try {
            bounded.submit(request("r-1", "cancel", "box-1")).orElseThrow();
            sink.await(step("r-1", "wait"));
            bounded.submit(request("r-2", "order", "box-1")).orElseThrow();
            bounded.submit(request("r-3", "order", "box-1")).orElseThrow();

            assertThat(bounded.submit(request("r-4", "order", "box-1"))).isEmpty();

            assertThat(sink.events("r-4")).extracting(RecordingSink::describe)
                    .containsExactly("RunQueued", "RunFinished:REJECTED");
            RunFinished refused = (RunFinished) sink.events("r-4").get(1);
            assertThat(refused.summary()).contains("box-1 is busy").contains("r-1 is running")
                    .contains("2 runs are queued").contains("GPUOPS_MAX_QUEUED_PER_TARGET=2")
                    .contains("/gpu cancel");
            assertThat(bounded.runs()).extracting(TargetRunScheduler.ScheduledRun::runId)
                    .containsExactly("r-1", "r-2", "r-3");
            // another target is not affected by box-1's queue
            assertThat(bounded.submit(request("r-5", "order", "huihuang"))).isPresent();
            // once a queued run leaves, there is room again
            bounded.cancel("r-3", "cancelled by alice");
            assertThat(bounded.submit(request("r-6", "order", "box-1"))).isPresent();
            bounded.cancel("r-1", "test over");
            sink.await(finished("r-6"));
        } finally {
            bounded.close();
        }
    }

    @Test
    void aQueueLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new TargetRunScheduler(engine, sink, clock, Duration.ofSeconds(1), 0))
                .hasMessageContaining("at least 1");
    }

    @Test
    void aStepThatIsNotSafeToRepeatEndsInterruptedWhenShutdownOutlastsTheGrace() throws Exception {
        TargetRunScheduler quick = new TargetRunScheduler(engine, sink, clock, Duration.ofMillis(200));
        quick.submit(request("r-9", "blockdestructive", "box-1"));
        sink.await(step("r-9", "hold"));

        quick.close();

        assertThat(sink.log("r-9")).last().isEqualTo("RunFinished:INTERRUPTED");
        assertThat(sink.of(RunFinished.class).getLast().summary()).startsWith("`hold` (test.block_destructive) was in"
                + " flight when gpuops shut down").contains("`/gpu status box-1`");
    }

    @Test
    void aRecoveredRunResumesAtItsStepWithoutASecondRunQueued() throws Exception {
        scheduler.submitRecovered(request("r-5", "order", "box-1"), new Resumption("second",
                Map.of("first", Map.of("message", "one")), "resumed after a restart of gpuops"));
        sink.await(finished("r-5"));

        assertThat(sink.log("r-5")).first().isEqualTo("StepProgressed:second");
        assertThat(sink.log("r-5")).doesNotContain("RunQueued", "RunStarted", "StepStarted:first#1")
                .last().isEqualTo("RunFinished:SUCCEEDED");
    }

    private static RunRequest request(String runId, String runbook, String target) {
        return new RunRequest(runId, RunbookEngineTest.target(target), null, RunbookEngineTest.runbook(runbook),
                Map.of(), RunbookEngineTest.origin(), null);
    }

    private static java.util.function.Predicate<RunEvent> step(String runId, String stepId) {
        return e -> e instanceof StepStarted s && s.runId().equals(runId) && s.stepId().equals(stepId);
    }

    private static java.util.function.Predicate<RunEvent> finished(String runId) {
        return e -> e instanceof RunFinished f && f.runId().equals(runId);
    }
}
