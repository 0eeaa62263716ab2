package dev.gpuops.runstate;

import static dev.gpuops.runstate.HandlersCrashRig.finishes;
import static dev.gpuops.runstate.HandlersCrashRig.stepStarted;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.consumer.RunRecovery;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.Verb;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handlers as a real separate process against a real KRaft broker, killed with {@code kill -9} (SIGKILL) at
 * the worst moments and started again: nothing is lost, nothing runs twice, no step that is not safe to repeat is
 * repeated. The counts are printed for the record. {@link HandlersQueueCrashIT} does the same with many runs queued.
 */
class HandlersCrashIT {

    @RegisterExtension
    final HandlersCrashRig rig = new HandlersCrashRig();

    @Test
    void killedDuringAnIdempotentStepTheRunResumesAndFinishesOnceInOneThread() throws Exception {
        ChildJvm first = rig.handlers(5);
        rig.send("r-hold0001", Verb.RESTART);
        rig.runLog.await("the hold step to start", log -> stepStarted(log, "r-hold0001", "hold") == 1);
        rig.awaitCall("hold r-hold0001");

        first.kill9();
        rig.handlers(5);
        List<RunEvent> resumed = rig.runLog.await("the resumption", log -> log.stream().anyMatch(e ->
                e instanceof StepProgressed p && p.runId().equals("r-hold0001")
                        && p.message().startsWith(RunRecovery.RESUMED)));
        rig.release();
        rig.runLog.await("the run to finish", RunLogReader.finished(List.of("r-hold0001")));
        List<RunEvent> log = rig.runLog.settle();

        System.out.println("[crash: idempotent step] " + RunLogReader.counts(log, List.of("r-hold0001"), 0)
                + ", hold step executions=" + rig.calls("hold r-hold0001"));
        assertThat(resumed).isNotEmpty();
        assertThat(finishes(log, "r-hold0001")).extracting(RunFinished::outcome).containsExactly(RunOutcome.SUCCEEDED);
        assertThat(RunLogReader.count(log, RunQueued.class, "r-hold0001")).isEqualTo(1);
        assertThat(RunLogReader.count(log, RunStarted.class, "r-hold0001")).isEqualTo(1);
        assertThat(rig.calls("hold r-hold0001")).isEqualTo(2);
        assertThat(rig.calls("echo r-hold0001 note")).isEqualTo(1);
    }

    @Test
    void killedDuringADestructiveStepTheRunEndsInterruptedAndTheStepIsNotRepeated() throws Exception {
        ChildJvm first = rig.handlers(5);
        rig.send("r-purge001", Verb.PURGE);
        rig.runLog.await("the purge step to start", log -> stepStarted(log, "r-purge001", "purge") == 1);
        rig.awaitCall("destructive r-purge001");

        first.kill9();
        rig.release();
        rig.handlers(5);
        rig.runLog.await("the run to end", RunLogReader.finished(List.of("r-purge001")));
        List<RunEvent> log = rig.runLog.settle();

        long repeats = rig.calls("destructive r-purge001") - 1;
        System.out.println("[crash: destructive step] " + RunLogReader.counts(log, List.of("r-purge001"), repeats));
        RunFinished end = finishes(log, "r-purge001").getFirst();
        assertThat(finishes(log, "r-purge001")).hasSize(1);
        assertThat(end.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(end.summary()).startsWith("`purge` (test.destructive) was in flight when gpuops restarted")
                .contains("`/gpu status box-1`");
        assertThat(rig.calls("destructive r-purge001")).isEqualTo(1);
        assertThat(stepStarted(log, "r-purge001", "after")).isZero();
        assertThat(RunLogReader.count(log, RunQueued.class, "r-purge001")).isEqualTo(1);
    }

    @Test
    void killedWithFiveQueuedRunsAllFiveRunAfterTheRestartInOrderOnce() throws Exception {
        ChildJvm first = rig.handlers(5);
        rig.send("r-block001", Verb.RESTART);
        List<String> queued = List.of("r-queue001", "r-queue002", "r-queue003", "r-queue004", "r-queue005");
        for (String runId : queued) {
            rig.send(runId, Verb.STATUS);
        }
        rig.runLog.await("five runs queued behind the first", log -> queued.stream()
                .allMatch(id -> RunLogReader.count(log, RunQueued.class, id) == 1));

        first.kill9();
        rig.handlers(5);
        rig.release();
        List<String> all = new ArrayList<>(queued);
        all.add("r-block001");
        rig.runLog.await("all six runs to finish", RunLogReader.finished(all));
        List<RunEvent> log = rig.runLog.settle();

        System.out.println("[crash: 5 queued] " + RunLogReader.counts(log, all, 0));
        List<String> startOrder = log.stream().filter(e -> e instanceof RunStarted && queued.contains(e.runId()))
                .map(RunEvent::runId).toList();
        assertThat(startOrder).containsExactlyElementsOf(queued);
        for (String runId : all) {
            assertThat(finishes(log, runId)).as(runId).extracting(RunFinished::outcome)
                    .containsExactly(RunOutcome.SUCCEEDED);
            assertThat(RunLogReader.count(log, RunQueued.class, runId)).as(runId).isEqualTo(1);
        }
        assertThat(rig.calls("echo r-queue")).isEqualTo(5);
    }

    @Test
    void theSameRunRequestedAgainAfterARestartRunsOnce() throws Exception {
        ChildJvm first = rig.handlers(5);
        rig.send("r-retry001", Verb.STATUS);
        rig.runLog.await("the first run", RunLogReader.finished(List.of("r-retry001")));

        first.kill9();
        rig.handlers(5);
        rig.send("r-retry001", Verb.STATUS); // a Slack retry: same trigger id → same run id, new event id
        rig.send("r-marker01", Verb.STATUS);
        rig.runLog.await("the marker run", RunLogReader.finished(List.of("r-marker01")));
        List<RunEvent> log = rig.runLog.settle();

        System.out.println("[retry after restart] " + RunLogReader.counts(log, List.of("r-retry001"), 0));
        assertThat(RunLogReader.count(log, RunQueued.class, "r-retry001")).isEqualTo(1);
        assertThat(RunLogReader.count(log, RunFinished.class, "r-retry001")).isEqualTo(1);
        assertThat(rig.calls("echo r-retry001")).isEqualTo(1);
    }
}
