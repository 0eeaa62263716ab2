package dev.gpuops.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.Fixtures;
import dev.gpuops.runbook.TestAction;
import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.core.LogNoteAction;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.engine.RecordingSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The handlers wired by {@link HandlersConfiguration} in a plain Spring context against a real in-process KRaft
 * broker: commands in on gpuops.commands, the run log out on gpuops.runs, poison to gpuops.commands.dlt.
 */
class HandlersKafkaIT {

    private static final String DLT = Events.COMMANDS_TOPIC + Events.DEAD_LETTER_SUFFIX;
    private static EmbeddedKafkaKraftBroker broker;
    private static AnnotationConfigApplicationContext context;
    private static KafkaProducer<String, byte[]> producer;
    private static KafkaConsumer<String, byte[]> runs;
    private static KafkaConsumer<String, byte[]> deadLetters;
    private static final List<RunEvent> seen = new ArrayList<>();

    @BeforeAll
    static void start() {
        broker = new EmbeddedKafkaKraftBroker(1, 2, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC, DLT,
                dev.gpuops.audit.AuditRecord.TOPIC);
        try {
            broker.afterPropertiesSet();
            context = handlers(broker.getBrokersAsString());
            producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer());
            runs = consumer(Events.RUNS_TOPIC);
            deadLetters = consumer(DLT);
        } catch (RuntimeException | Error e) {
            stop();
            throw e;
        }
    }

    @AfterAll
    static void stop() {
        for (AutoCloseable closeable : new AutoCloseable[] {runs, deadLetters, producer, context}) {
            try {
                if (closeable != null) {
                    closeable.close();
                }
            } catch (Exception e) {
                // keep closing the rest; the broker must go down or the JVM hangs
            }
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void aCommandBecomesAnOrderedRunLogOnTheRunsTopic() {
        send("box-1", EventJson.write(command("r-order", "box-1")));

        List<RunEvent> log = awaitRun("r-order");

        assertThat(log).extracting(RecordingSink::describe).containsExactly("RunQueued", "RunStarted",
                "StepStarted:look#1", "StepSucceeded:look", "StepStarted:note#1", "StepSucceeded:note",
                "RunFinished:SUCCEEDED");
        assertThat(((RunQueued) log.getFirst()).aheadOf()).isZero();
    }

    @Test
    void aPoisonRecordGoesToTheDeadLetterTopicAndTheNextRecordIsStillProcessed() {
        byte[] poison = "{\"type\":\"Gibberish\"".getBytes(StandardCharsets.UTF_8);
        send("box-1", poison);
        send("box-1", EventJson.write(command("r-after-poison", "box-1")));

        ConsumerRecord<String, byte[]> dead = awaitRecord(deadLetters, r -> true);
        List<RunEvent> log = awaitRun("r-after-poison");

        assertThat(dead.value()).isEqualTo(poison);
        assertThat(dead.key()).isEqualTo("box-1");
        assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(),
                StandardCharsets.UTF_8)).contains("not a gpuops event");
        assertThat(((RunFinished) log.getLast()).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    }

    @Test
    void anUnknownTargetIsRejectedOnTheRunsTopic() {
        send("box-9", EventJson.write(command("r-unknown", "box-9")));

        List<RunEvent> log = awaitRun("r-unknown");

        // RunQueued carries the origin so the notifier can tell the user; RunFinished says why nothing ran
        assertThat(log).hasSize(2);
        assertThat(log.getFirst()).isInstanceOf(RunQueued.class);
        assertThat(log.getLast()).isInstanceOfSatisfying(RunFinished.class, f -> {
            assertThat(f.outcome()).isEqualTo(RunOutcome.REJECTED);
            assertThat(f.summary()).contains("unknown target `box-9`");
        });
    }

    @Test
    void aForgedCommandThatDidNotComeThroughIngressIsJudgedAgainAndRefused() {
        CommandReceived operate = new CommandReceived(UUID.randomUUID().toString(), Instant.now(), "box-prod",
                "r-forged1", Verb.RESTART, Map.of("program", "worker-gpu"),
                new Origin("slack", "C1", "U0MALLORY", "mallory", "t-forged1"));
        CommandReceived inject = new CommandReceived(UUID.randomUUID().toString(), Instant.now(), "box-1",
                "r-forged2", Verb.STATUS, Map.of("program", "x;reboot"),
                new Origin("slack", "C1", "U1", "alice", "t-forged2"));
        send("box-prod", EventJson.write(operate));
        send("box-1", EventJson.write(inject));

        assertThat(awaitRun("r-forged1").getLast()).isInstanceOfSatisfying(RunFinished.class, f -> {
            assertThat(f.outcome()).isEqualTo(RunOutcome.REJECTED);
            assertThat(f.summary()).startsWith("Refused: `restart box-prod` needs operator permission on box-prod;"
                    + " nobody may: box-prod is production and has no operators");
        });
        assertThat(awaitRun("r-forged2").getLast()).isInstanceOfSatisfying(RunFinished.class, f -> {
            assertThat(f.outcome()).isEqualTo(RunOutcome.REJECTED);
            assertThat(f.summary()).isEqualTo("Refused: input `program` has a value that is not allowed; nothing "
                    + "was run.");
        });
        assertThat(seen).noneMatch(e -> e.runId().startsWith("r-forged") && !(e instanceof RunQueued)
                && !(e instanceof RunFinished));
    }

    @Test
    void aStatusOnProductionRunsForAnyoneWithoutAnAccessSection() {
        send("box-prod", EventJson.write(new CommandReceived(UUID.randomUUID().toString(), Instant.now(),
                "box-prod", "r-prodview", Verb.STATUS, Map.of(), new Origin("slack", "C1", "U0ANYONE", "x", "t-pv"))));

        assertThat(((RunFinished) awaitRun("r-prodview").getLast()).outcome()).isEqualTo(RunOutcome.SUCCEEDED);
    }

    @Test
    void aRedeliveredCommandDoesNotRunTwice() {
        byte[] once = EventJson.write(command("r-once", "box-1"));
        send("box-1", once);
        awaitRun("r-once");

        send("box-1", once);
        send("box-1", EventJson.write(command("r-marker", "box-1")));
        awaitRun("r-marker");

        assertThat(seen).filteredOn(e -> e instanceof RunQueued && e.runId().equals("r-once")).hasSize(1);
    }

    private static AnnotationConfigApplicationContext handlers(String bootstrap) {
        AnnotationConfigApplicationContext ctx = new AnnotationConfigApplicationContext();
        ctx.registerBean(HandlersSettings.class, () -> HandlersSettings.of(Fixtures.targets("it-targets.yaml"),
                Fixtures.runbooks("it"), bootstrap));
        ctx.registerBean(Services.class, Services::new);
        ctx.registerBean("echoAction", Action.class, () -> new TestAction<>("test.echo",
                TestActions.EchoParams.class, false, (c, p) -> StepResult.of(p.message(), "message", p.message())));
        ctx.registerBean("logNoteAction", Action.class, LogNoteAction::new);
        ctx.register(HandlersConfiguration.class);
        ctx.refresh();
        return ctx;
    }

    private static CommandReceived command(String runId, String target) {
        return new CommandReceived(UUID.randomUUID().toString(), Instant.now(), target, runId, Verb.STATUS,
                Map.of("program", "worker-gpu"), new Origin("slack", "C1", "U1", "alice", "t-" + runId));
    }

    private static void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Events.COMMANDS_TOPIC, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads gpuops.runs until the run's RunFinished, then returns that run's events in order. */
    private static List<RunEvent> awaitRun(String runId) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<String, byte[]> record : runs.poll(Duration.ofMillis(200))) {
                GpuopsEvent event = EventJson.read(record.value());
                assertThat(record.key()).isEqualTo(event.target());
                seen.add((RunEvent) event);
            }
            if (seen.stream().anyMatch(e -> e instanceof RunFinished && e.runId().equals(runId))) {
                return seen.stream().filter(e -> e.runId().equals(runId)).toList();
            }
        }
        throw new AssertionError("no RunFinished for " + runId + " within 60 s; saw "
                + seen.stream().map(e -> e.runId() + ":" + RecordingSink.describe(e)).toList());
    }

    private static ConsumerRecord<String, byte[]> awaitRecord(KafkaConsumer<String, byte[]> consumer,
                                                             Predicate<ConsumerRecord<String, byte[]>> match) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (match.test(record)) {
                    return record;
                }
            }
        }
        throw new AssertionError("no matching record on " + consumer.subscription() + " within 60 s");
    }

    private static KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
