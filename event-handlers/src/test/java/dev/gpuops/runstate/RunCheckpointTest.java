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
}
