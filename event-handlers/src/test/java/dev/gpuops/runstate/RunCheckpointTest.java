package dev.gpuops.runstate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.Verb;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunCheckpointTest {

    private final RunCheckpoint queued = new RunCheckpoint("r-00000001", "sophia", Verb.PURGE, "purge sophia",
            Map.of("force", "true"), new Origin("slack", "C1", "U1", "alice", "t-1"), "e-1", 7,
            RunCheckpoint.Phase.QUEUED, null, List.of(), Map.of(), null, Instant.parse("2026-12-06T10:00:00Z"));

    @Test
    void movesThroughItsStepsKeepingOutputsForTheStepsStillToRun() {
        Instant t = Instant.parse("2026-12-06T10:00:01Z");
        RunCheckpoint moved = queued.running(t).stepStarted("check", t).stepDone("check", Map.of("workers", "2"), t)
                .stepStarted("purge", t);

        assertThat(moved.phase()).isEqualTo(RunCheckpoint.Phase.RUNNING);
        assertThat(moved.stepInFlight()).isEqualTo("purge");
        assertThat(moved.completed()).containsExactly("check");
        assertThat(moved.outputs()).containsEntry("check", Map.of("workers", "2"));
        assertThat(moved.seq()).isEqualTo(7);
    }

    @Test
    void aFinishedRunKeepsOnlyWhatDedupeNeeds() {
        RunCheckpoint done = queued.running(Instant.EPOCH).stepDone("check", Map.of("a", "b"), Instant.EPOCH)
                .finished(RunOutcome.SUCCEEDED, Instant.EPOCH);

        assertThat(done.finished()).isTrue();
        assertThat(done.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        assertThat(done.inputs()).isEmpty();
        assertThat(done.outputs()).isEmpty();
        assertThat(done.runId()).isEqualTo("r-00000001");
    }

    @Test
    void roundTripsThroughTheWireJson() {
        RunCheckpoint moved = queued.running(Instant.EPOCH).stepStarted("check", Instant.EPOCH);

        byte[] json = EventJson.mapper().writeValueAsBytes(moved);

        assertThat(EventJson.mapper().readValue(json, RunCheckpoint.class)).isEqualTo(moved);
    }

    @Test
    void anApprovalWaitKeepsItsFirstDeadlineUntilDecidedOrTheStepStarts() {
        Instant asked = Instant.parse("2026-12-06T10:00:00Z");
        var wait = new dev.gpuops.runbook.engine.PendingApproval("purge", asked, asked.plusSeconds(900), "U1");
        var again = new dev.gpuops.runbook.engine.PendingApproval("purge", asked.plusSeconds(600),
                asked.plusSeconds(1500), "U1");
        RunCheckpoint waiting = queued.running(asked).awaiting(wait, asked).awaiting(again, asked.plusSeconds(600));

        assertThat(waiting.approval()).as("asked again after a restart: same deadline").isEqualTo(wait);
        assertThat(EventJson.mapper().readValue(EventJson.mapper().writeValueAsBytes(waiting), RunCheckpoint.class))
                .isEqualTo(waiting);
        assertThat(waiting.awaiting(null, asked).approval()).isNull();
        assertThat(waiting.stepStarted("purge", asked).approval()).isNull();
    }

    @Test
    void aCheckpointWrittenBeforeApprovalsWereRecordedStillReads() {
        String old = new String(EventJson.mapper().writeValueAsBytes(queued)).replace(",\"approval\":null", "");

        assertThat(old).doesNotContain("approval");
        assertThat(EventJson.mapper().readValue(old.getBytes(), RunCheckpoint.class)).isEqualTo(queued);
    }
}
