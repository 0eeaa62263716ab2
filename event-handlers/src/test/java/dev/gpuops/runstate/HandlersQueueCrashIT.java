package dev.gpuops.runstate;

import static dev.gpuops.runstate.HandlersCrashRig.finishes;
import static dev.gpuops.runstate.HandlersCrashRig.tail;
import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.Verb;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The handlers as real separate processes against a real KRaft broker with many runs queued: a SIGTERM with 1,000
 * queued runs exits within the grace and leaves them queued for the next owner; two replicas share 50 commands over
 * ten targets and one is killed with {@code kill -9} midway. Nothing is lost, nothing runs twice, each target keeps
 * its order. The counts are printed for the record.
 */
class HandlersQueueCrashIT {

    @RegisterExtension
    final HandlersCrashRig rig = new HandlersCrashRig();

    @Test
    void sigtermWithAThousandQueuedRunsExitsWithinTheGraceAndLeavesThemQueued() throws Exception {
        int grace = 3;
        ChildJvm first = rig.handlers(grace);
        rig.send("r-blockbig", Verb.RESTART);
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String runId = "r-q" + String.format("%07d", i);
            queued.add(runId);
            rig.sendAsync(runId, Verb.STATUS);
        }
        rig.flush();
        rig.runLog.await("1,000 runs queued", log -> log.stream().filter(e -> e instanceof RunQueued).count() == 1001);

        first.terminate();
        boolean exited = first.process().waitFor(grace + 5, TimeUnit.SECONDS);
        System.out.println("[SIGTERM with 1,000 queued] exited within grace+5 s: " + exited);
        assertThat(exited).as("the handlers exit within the grace period plus 5 s; log:\n" + tail(first)).isTrue();
        List<RunEvent> before = rig.runLog.settle();
        assertThat(before.stream().filter(e -> e instanceof RunFinished && queued.contains(e.runId()))).isEmpty();

        rig.release();
        rig.handlers(grace);
        List<String> all = new ArrayList<>(queued);
        all.add("r-blockbig");
        rig.runLog.await("all 1,001 runs to finish after the restart", RunLogReader.finished(all));
        List<RunEvent> log = rig.runLog.settle();
        System.out.println("[SIGTERM with 1,000 queued] " + RunLogReader.counts(log, all, 0));
        assertThat(all).allSatisfy(id -> assertThat(RunLogReader.count(log, RunFinished.class, id)).isEqualTo(1));
        assertThat(all).allSatisfy(id -> assertThat(RunLogReader.count(log, RunQueued.class, id)).isEqualTo(1));
    }

    @Test
    void twoReplicasShareFiftyCommandsOverTenTargetsAndOneIsKilledMidway() throws Exception {
        rig.writeTargets(10);
        ChildJvm doomed = rig.handlers(5);
        rig.handlers(5);
        List<String> all = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int t = 0; t < 10; t++) {
                String runId = "r-" + round + "t" + t + "pair";
                all.add(runId);
                rig.sendAsync(runId, Verb.RESTART, "t-" + t);
            }
        }
        rig.flush();
        rig.runLog.await("50 runs queued and every target busy", log -> all.stream()
                .allMatch(id -> RunLogReader.count(log, RunQueued.class, id) >= 1)
                && log.stream().filter(e -> e instanceof StepStarted s && s.stepId().equals("hold")).count() >= 10);

        doomed.kill9();
        rig.release();
        rig.runLog.await("all 50 runs to finish", RunLogReader.finished(all));
        List<RunEvent> log = rig.runLog.settle();

        System.out.println("[two replicas, one killed] " + RunLogReader.counts(log, all, 0));
        for (String runId : all) {
            assertThat(finishes(log, runId)).as(runId).extracting(RunFinished::outcome)
                    .containsExactly(RunOutcome.SUCCEEDED);
            assertThat(RunLogReader.count(log, RunQueued.class, runId)).as(runId).isEqualTo(1);
            assertThat(RunLogReader.count(log, RunStarted.class, runId)).as(runId).isEqualTo(1);
        }
        for (int t = 0; t < 10; t++) {
            String target = "t-" + t;
            List<String> order = log.stream().filter(e -> e instanceof RunStarted && e.target().equals(target))
                    .map(RunEvent::runId).toList();
            assertThat(order).as(target).containsExactly("r-0" + "t" + t + "pair", "r-1t" + t + "pair",
                    "r-2t" + t + "pair", "r-3t" + t + "pair", "r-4t" + t + "pair");
        }
    }
}
