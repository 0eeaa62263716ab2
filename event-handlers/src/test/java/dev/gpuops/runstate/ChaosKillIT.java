package dev.gpuops.runstate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.Verb;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Opt-in ({@code -Dgpuops.chaos=true}, several minutes): 20 cycles of "send a few commands, {@code kill -9} the
 * handler process at a random moment, start it again", then one last process finishes everything. Prints runs lost,
 * runs duplicated, destructive steps repeated and threads duplicated; all must be 0.
 */
@EnabledIfSystemProperty(named = "gpuops.chaos", matches = "true")
class ChaosKillIT {

    private static final List<String> TARGETS = List.of("t-0", "t-1", "t-2");
    private static final List<Verb> VERBS = List.of(Verb.RESTART, Verb.PURGE, Verb.STATUS);

    @TempDir
    Path dir;

    @Test
    void twentyRandomKill9sLoseNothingAndRepeatNothing() throws Exception {
        long seed = Long.getLong("gpuops.chaos.seed", System.nanoTime());
        int cycles = Integer.getInteger("gpuops.chaos.cycles", 20);
        Random random = new Random(seed);
        Path calls = dir.resolve("calls.log");
        Files.writeString(Path.of(calls + ".release"), "go"); // steps end by themselves after STEP_MILLIS
        writeFiles();
        EmbeddedKafkaKraftBroker broker = CrashTestBroker.start();
        List<ChildJvm> children = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer()); RunLogReader runLog = new RunLogReader(broker.getBrokersAsString())) {
            List<String> runIds = new ArrayList<>();
            for (int cycle = 0; cycle < cycles; cycle++) {
                ChildJvm child = start(broker, calls, children);
                for (int i = 0; i < 4; i++) {
                    String runId = String.format("r-c%02di%d", cycle, i);
                    runIds.add(runId);
                    String target = TARGETS.get(random.nextInt(TARGETS.size()));
                    CommandReceived command = new CommandReceived(UUID.randomUUID().toString(), Instant.now(), target,
                            runId, VERBS.get(random.nextInt(VERBS.size())), Map.of(),
                            new Origin("slack", "C1", "U1", "alice", "trigger-" + runId));
                    producer.send(new ProducerRecord<>(Events.COMMANDS_TOPIC, target, EventJson.write(command)));
                }
                producer.flush();
                // kill at a random moment once this process is working on the cycle's commands
                String firstOfCycle = runIds.get(runIds.size() - 4);
                runLog.await("cycle " + cycle + " to be taken", log -> RunLogReader.count(log, RunQueued.class,
                        firstOfCycle) > 0);
                Thread.sleep(random.nextInt(2500));
                child.kill9();
            }
            start(broker, calls, children);
            runLog.await("every run to finish", RunLogReader.finished(runIds));
            List<RunEvent> log = runLog.settle();
            long destructiveRepeats = 0;
            for (String runId : runIds) {
                long executions = Files.readAllLines(calls).stream().filter(l -> l.startsWith("destructive " + runId))
                        .count();
                destructiveRepeats += Math.max(0, executions - 1);
            }
            long interrupted = log.stream().filter(e -> e instanceof RunFinished f
                    && f.outcome() == dev.gpuops.event.RunOutcome.INTERRUPTED).count();
            System.out.println("[chaos: " + cycles + " kill -9 cycles, seed " + seed + ", " + runIds.size() + " runs, "
                    + interrupted + " interrupted] " + RunLogReader.counts(log, runIds, destructiveRepeats));
            assertThat(runIds).allSatisfy(id -> {
                assertThat(RunLogReader.count(log, RunFinished.class, id)).as(id + " finished").isEqualTo(1);
                assertThat(RunLogReader.count(log, RunStarted.class, id)).as(id + " started").isLessThanOrEqualTo(1);
                assertThat(RunLogReader.count(log, RunQueued.class, id)).as(id + " queued").isEqualTo(1);
            });
            assertThat(destructiveRepeats).isZero();
        } finally {
            for (ChildJvm child : children) {
                if (child.alive()) {
                    child.kill9();
                }
            }
            broker.destroy();
        }
    }

    private ChildJvm start(EmbeddedKafkaKraftBroker broker, Path calls, List<ChildJvm> children) throws Exception {
        Path log = dir.resolve("handlers-" + children.size() + ".log");
        ChildJvm child = ChildJvm.start(HandlerProcess.class, log, List.of(broker.getBrokersAsString(),
                dir.resolve("targets.yaml").toString(), dir.resolve("runbooks").toString(), calls.toString(), "5",
                "700"));
        children.add(child);
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (!child.log().contains("HANDLERS READY")) {
            assertThat(child.alive() && Instant.now().isBefore(giveUp)).as("handler process starts").isTrue();
            Thread.sleep(100);
        }
        return child;
    }

    private void writeFiles() throws Exception {
        StringBuilder targets = new StringBuilder("targets:\n");
        for (String target : TARGETS) {
            targets.append("  ").append(target).append(":\n    provider: ssh\n    environment: staging\n    ssh: { host: 10.0.0.1, user: root }\n");
        }
        Files.writeString(dir.resolve("targets.yaml"), targets.toString());
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        runbook(runbooks, "restart", "[{ id: hold, action: test.hold, with: { message: waiting } },"
                + " { id: note, action: test.echo, with: { message: done } }]");
        runbook(runbooks, "purge", "[{ id: look, action: test.echo, with: { message: look } },"
                + " { id: purge, action: test.destructive, with: { message: purging } },"
                + " { id: after, action: test.hold, with: { message: after } }]");
        runbook(runbooks, "status", "[{ id: look, action: test.echo, with: { message: look } }]");
    }

    private static void runbook(Path dir, String verb, String steps) throws Exception {
        Files.writeString(dir.resolve(verb + ".yaml"), "apiVersion: gpuops/v1\nkind: Runbook\n"
                + "metadata: { name: " + verb + "-ssh, verb: " + verb + ", providers: [ssh] }\nsteps: " + steps + "\n");
    }
}
