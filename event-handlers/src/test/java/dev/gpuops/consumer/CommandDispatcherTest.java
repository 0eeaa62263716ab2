package dev.gpuops.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.event.CancelRequested;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.Fixtures;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.runbook.RunbookLoader;
import dev.gpuops.runbook.RunbookSchema;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import dev.gpuops.runbook.engine.RecordingSink;
import dev.gpuops.runbook.engine.RunbookEngine;
import dev.gpuops.runbook.engine.TargetRunScheduler;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CommandDispatcherTest {

    private final TestActions actions = new TestActions();
    private final RecordingSink sink = new RecordingSink();
    private final SettableClock clock = new SettableClock();
    private final Targets targets = new TargetsLoader().load(Fixtures.targets("it-targets.yaml"));
    private final RunbookCatalog catalog = RunbookCatalog.create(new RunbookLoader(actions.registry(),
            RunbookSchema.fromClasspath()).load(Fixtures.runbooks("it")), targets);
    private final TargetRunScheduler scheduler = new TargetRunScheduler(new RunbookEngine(actions.registry(),
            new Services(), sink, FailureAnalyzer.NONE, clock, clock::sleep), sink, clock, Duration.ofSeconds(5));
    private final CommandDispatcher dispatcher = new CommandDispatcher(targets, catalog, scheduler, sink, clock,
            new SeenEvents(2));

    @AfterEach
    void stop() {
        scheduler.close();
    }

    @Test
    void queuesAndRunsACommandForAKnownTarget() throws Exception {
        dispatcher.dispatch(command("e-1", "r-1", "box-1", Verb.STATUS));

        RunFinished finished = (RunFinished) sink.await(e -> e instanceof RunFinished);
        assertThat(finished.outcome()).isEqualTo(RunOutcome.SUCCEEDED);
        RunQueued queued = sink.of(RunQueued.class).getFirst();
        assertThat(queued.description()).isEqualTo("status box-1 worker-gpu");
        assertThat(actions.calls).singleElement().asString().contains("status of worker-gpu on 10.0.0.5");
    }

    @Test
    void rejectsAnUnknownTargetNamingTheKnownOnes() {
        dispatcher.dispatch(command("e-1", "r-1", "box-9", Verb.STATUS));

        assertThat(sink.of(RunFinished.class)).singleElement().satisfies(f -> {
            assertThat(f.outcome()).isEqualTo(RunOutcome.REJECTED);
            assertThat(f.summary()).isEqualTo("unknown target `box-9`; known targets: box-1, sophia, box-prod");
        });
        // the notifier needs the origin's channel to tell the user why nothing ran
        assertThat(sink.of(RunQueued.class)).singleElement()
                .satisfies(q -> assertThat(q.origin()).isEqualTo(origin()));
    }

    @Test
    void rejectsAVerbWithoutARunbookForTheProvider() {
        dispatcher.dispatch(command("e-1", "r-1", "sophia", Verb.STATUS));

        assertThat(sink.of(RunFinished.class).getFirst().summary())
                .isEqualTo("no runbook for `status` on provider runpod: status applies to ssh targets");
    }

    @Test
    void ignoresARedeliveredEvent() throws Exception {
        dispatcher.dispatch(command("e-1", "r-1", "box-1", Verb.STATUS));
        sink.await(e -> e instanceof RunFinished);

        dispatcher.dispatch(command("e-1", "r-1", "box-1", Verb.STATUS));

        assertThat(sink.of(RunQueued.class)).hasSize(1);
    }

    @Test
    void cancellingAnUnknownRunPublishesNothing() throws Exception {
        dispatcher.dispatch(new CancelRequested("e-9", Instant.now(), "box-1", "r-unknown", origin()));

        assertThat(sink.events()).isEmpty();
    }

    @Test
    void recordsThatCanNeverBeHandledArePoison() {
        assertThatThrownBy(() -> CommandConsumer.decode(record("not json".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("not a gpuops event at");
        assertThatThrownBy(() -> CommandConsumer.decode(record("{\"type\":\"Nope\"}".getBytes(StandardCharsets.UTF_8))))
                .isInstanceOf(PoisonRecordException.class);
        byte[] runEvent = EventJson.write(new RunFinished("e", Instant.now(), "box-1", "r-1", RunOutcome.SUCCEEDED,
                "ok", Duration.ZERO));
        assertThatThrownBy(() -> CommandConsumer.decode(record(runEvent)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("belongs on the runs topic");
        assertThatThrownBy(() -> dispatcher.dispatch(command("e-2", null, "box-1", Verb.STATUS)))
                .isInstanceOf(PoisonRecordException.class).hasMessageContaining("lacks a runId");
    }

    private static ConsumerRecord<String, byte[]> record(byte[] value) {
        return new ConsumerRecord<>("gpuops.commands", 0, 7, "box-1", value);
    }

    static CommandReceived command(String eventId, String runId, String target, Verb verb) {
        return new CommandReceived(eventId, Instant.now(), target, runId, verb, Map.of("program", "worker-gpu"),
                origin());
    }

    static Origin origin() {
        return new Origin("slack", "C1", "U1", "alice", "trigger-1");
    }
}
