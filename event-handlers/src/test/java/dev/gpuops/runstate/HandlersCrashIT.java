package dev.gpuops.runstate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.Verb;
import dev.gpuops.consumer.RunRecovery;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The handlers as a real separate process against a real KRaft broker, killed with {@code kill -9} (SIGKILL) at
 * the worst moments and started again: nothing is lost, nothing runs twice, no step that is not safe to repeat is
 * repeated. The counts are printed for the record.
 */
class HandlersCrashIT {

    @TempDir
    Path dir;
    private EmbeddedKafkaKraftBroker broker;
    private KafkaProducer<String, byte[]> producer;
    private RunLogReader runLog;
    private final List<ChildJvm> children = new ArrayList<>();
    private Path calls;

    @BeforeEach
    void start() throws IOException {
        broker = new EmbeddedKafkaKraftBroker(1, 3, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC,
                Events.COMMANDS_TOPIC + Events.DEAD_LETTER_SUFFIX);
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
        runLog = new RunLogReader(broker.getBrokersAsString());
        calls = dir.resolve("calls.log");
        Files.writeString(dir.resolve("targets.yaml"), """
                targets:
                  box-1:
                    provider: ssh
                    environment: staging
                    ssh: { host: 10.0.0.5, user: root }
                """);
        Path runbooks = Files.createDirectories(dir.resolve("runbooks"));
        runbook(runbooks, "restart", "[{ id: hold, action: test.hold, with: { message: waiting } },"
                + " { id: note, action: test.echo, with: { message: done } }]");
        runbook(runbooks, "purge", "[{ id: purge, action: test.destructive, with: { message: purging } },"
                + " { id: after, action: test.echo, with: { message: after } }]");
        runbook(runbooks, "status", "[{ id: look, action: test.echo, with: { message: look } }]");
    }

    @AfterEach
    void stop() throws Exception {
        for (ChildJvm child : children) {
            if (child.alive()) {
                child.kill9();
            }
        }
        runLog.close();
        producer.close();
        broker.destroy();
    }

    @Test
    void killedDuringAnIdempotentStepTheRunResumesAndFinishesOnceInOneThread() throws Exception {
        ChildJvm first = handlers(5);
        send("r-hold0001", Verb.RESTART);
        runLog.await("the hold step to start", log -> stepStarted(log, "r-hold0001", "hold") == 1);
        awaitCall("hold r-hold0001");

        first.kill9();
        handlers(5);
        List<RunEvent> resumed = runLog.await("the resumption", log -> log.stream().anyMatch(e ->
                e instanceof StepProgressed p && p.runId().equals("r-hold0001")
                        && p.message().startsWith(RunRecovery.RESUMED)));
        release();
        runLog.await("the run to finish", RunLogReader.finished(List.of("r-hold0001")));
        List<RunEvent> log = runLog.settle();

        System.out.println("[crash: idempotent step] " + RunLogReader.counts(log, List.of("r-hold0001"), 0)
                + ", hold step executions=" + calls("hold r-hold0001"));
        assertThat(resumed).isNotEmpty();
        assertThat(finishes(log, "r-hold0001")).extracting(RunFinished::outcome).containsExactly(RunOutcome.SUCCEEDED);
        assertThat(RunLogReader.count(log, RunQueued.class, "r-hold0001")).isEqualTo(1);
        assertThat(RunLogReader.count(log, RunStarted.class, "r-hold0001")).isEqualTo(1);
        assertThat(calls("hold r-hold0001")).isEqualTo(2);
        assertThat(calls("echo r-hold0001 note")).isEqualTo(1);
    }

    @Test
    void killedDuringADestructiveStepTheRunEndsInterruptedAndTheStepIsNotRepeated() throws Exception {
        ChildJvm first = handlers(5);
        send("r-purge001", Verb.PURGE);
        runLog.await("the purge step to start", log -> stepStarted(log, "r-purge001", "purge") == 1);
        awaitCall("destructive r-purge001");

        first.kill9();
        release();
        handlers(5);
        runLog.await("the run to end", RunLogReader.finished(List.of("r-purge001")));
        List<RunEvent> log = runLog.settle();

        long repeats = calls("destructive r-purge001") - 1;
        System.out.println("[crash: destructive step] " + RunLogReader.counts(log, List.of("r-purge001"), repeats));
        RunFinished end = finishes(log, "r-purge001").getFirst();
        assertThat(finishes(log, "r-purge001")).hasSize(1);
        assertThat(end.outcome()).isEqualTo(RunOutcome.INTERRUPTED);
        assertThat(end.summary()).startsWith("`purge` (test.destructive) was in flight when gpuops restarted")
                .contains("`/gpu status box-1`");
        assertThat(calls("destructive r-purge001")).isEqualTo(1);
        assertThat(stepStarted(log, "r-purge001", "after")).isZero();
        assertThat(RunLogReader.count(log, RunQueued.class, "r-purge001")).isEqualTo(1);
    }

    @Test
    void killedWithFiveQueuedRunsAllFiveRunAfterTheRestartInOrderOnce() throws Exception {
        ChildJvm first = handlers(5);
        send("r-block001", Verb.RESTART);
        List<String> queued = List.of("r-queue001", "r-queue002", "r-queue003", "r-queue004", "r-queue005");
        for (String runId : queued) {
            send(runId, Verb.STATUS);
        }
        runLog.await("five runs queued behind the first", log -> queued.stream()
                .allMatch(id -> RunLogReader.count(log, RunQueued.class, id) == 1));

        first.kill9();
        handlers(5);
        release();
        List<String> all = new ArrayList<>(queued);
        all.add("r-block001");
        runLog.await("all six runs to finish", RunLogReader.finished(all));
        List<RunEvent> log = runLog.settle();

        System.out.println("[crash: 5 queued] " + RunLogReader.counts(log, all, 0));
        List<String> startOrder = log.stream().filter(e -> e instanceof RunStarted && queued.contains(e.runId()))
                .map(RunEvent::runId).toList();
        assertThat(startOrder).containsExactlyElementsOf(queued);
        for (String runId : all) {
            assertThat(finishes(log, runId)).as(runId).extracting(RunFinished::outcome)
                    .containsExactly(RunOutcome.SUCCEEDED);
            assertThat(RunLogReader.count(log, RunQueued.class, runId)).as(runId).isEqualTo(1);
        }
        assertThat(calls("echo r-queue")).isEqualTo(5);
    }

    @Test
    void theSameRunRequestedAgainAfterARestartRunsOnce() throws Exception {
        ChildJvm first = handlers(5);
        send("r-retry001", Verb.STATUS);
        runLog.await("the first run", RunLogReader.finished(List.of("r-retry001")));

        first.kill9();
        handlers(5);
        send("r-retry001", Verb.STATUS); // a Slack retry: same trigger id → same run id, new event id
        send("r-marker01", Verb.STATUS);
        runLog.await("the marker run", RunLogReader.finished(List.of("r-marker01")));
        List<RunEvent> log = runLog.settle();

        System.out.println("[retry after restart] " + RunLogReader.counts(log, List.of("r-retry001"), 0));
        assertThat(RunLogReader.count(log, RunQueued.class, "r-retry001")).isEqualTo(1);
        assertThat(RunLogReader.count(log, RunFinished.class, "r-retry001")).isEqualTo(1);
        assertThat(calls("echo r-retry001")).isEqualTo(1);
    }

    @Test
    void sigtermWithAThousandQueuedRunsExitsWithinTheGraceAndLeavesThemQueued() throws Exception {
        int grace = 3;
        ChildJvm first = handlers(grace);
        send("r-blockbig", Verb.RESTART);
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            String runId = "r-q" + String.format("%07d", i);
            queued.add(runId);
            sendAsync(runId, Verb.STATUS);
        }
        producer.flush();
        runLog.await("1,000 runs queued", log -> log.stream().filter(e -> e instanceof RunQueued).count() == 1001);

        first.terminate();
        boolean exited = first.process().waitFor(grace + 5, TimeUnit.SECONDS);
        System.out.println("[SIGTERM with 1,000 queued] exited within grace+5 s: " + exited);
        assertThat(exited).as("the handlers exit within the grace period plus 5 s; log:\n" + tail(first)).isTrue();
        List<RunEvent> before = runLog.settle();
        assertThat(before.stream().filter(e -> e instanceof RunFinished && queued.contains(e.runId()))).isEmpty();

        release();
        handlers(grace);
        List<String> all = new ArrayList<>(queued);
        all.add("r-blockbig");
        runLog.await("all 1,001 runs to finish after the restart", RunLogReader.finished(all));
        List<RunEvent> log = runLog.settle();
        System.out.println("[SIGTERM with 1,000 queued] " + RunLogReader.counts(log, all, 0));
        assertThat(all).allSatisfy(id -> assertThat(RunLogReader.count(log, RunFinished.class, id)).isEqualTo(1));
        assertThat(all).allSatisfy(id -> assertThat(RunLogReader.count(log, RunQueued.class, id)).isEqualTo(1));
    }

    @Test
    void twoReplicasShareFiftyCommandsOverTenTargetsAndOneIsKilledMidway() throws Exception {
        writeTargets(10);
        ChildJvm doomed = handlers(5);
        handlers(5);
        List<String> all = new ArrayList<>();
        for (int round = 0; round < 5; round++) {
            for (int t = 0; t < 10; t++) {
                String runId = "r-" + round + "t" + t + "pair";
                all.add(runId);
                sendAsync(runId, Verb.RESTART, "t-" + t);
            }
        }
        producer.flush();
        runLog.await("50 runs queued and every target busy", log -> all.stream()
                .allMatch(id -> RunLogReader.count(log, RunQueued.class, id) >= 1)
                && log.stream().filter(e -> e instanceof StepStarted s && s.stepId().equals("hold")).count() >= 10);

        doomed.kill9();
        release();
        runLog.await("all 50 runs to finish", RunLogReader.finished(all));
        List<RunEvent> log = runLog.settle();

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

    private void writeTargets(int count) throws IOException {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int t = 0; t < count; t++) {
            yaml.append("  t-").append(t).append(":\n    provider: ssh\n    environment: staging\n    ssh: { host: 10.0.0.").append(t + 1)
                    .append(", user: root }\n");
        }
        Files.writeString(dir.resolve("targets.yaml"), yaml.toString());
    }

    private ChildJvm handlers(int graceSeconds) throws Exception {
        Path log = dir.resolve("handlers-" + children.size() + ".log");
        ChildJvm child = ChildJvm.start(HandlerProcess.class, log, List.of(broker.getBrokersAsString(),
                dir.resolve("targets.yaml").toString(), dir.resolve("runbooks").toString(), calls.toString(),
                String.valueOf(graceSeconds)));
        children.add(child);
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(90));
        while (!child.log().contains("HANDLERS READY")) {
            if (!child.alive() || Instant.now().isAfter(giveUp)) {
                throw new AssertionError("the handler process did not start:\n" + child.log());
            }
            Thread.sleep(100);
        }
        return child;
    }

    private void send(String runId, Verb verb) throws Exception {
        producer.send(record(runId, verb)).get();
    }

    private void sendAsync(String runId, Verb verb) {
        sendAsync(runId, verb, "box-1");
    }

    private void sendAsync(String runId, Verb verb, String target) {
        producer.send(record(runId, verb, target));
    }

    private static ProducerRecord<String, byte[]> record(String runId, Verb verb) {
        return record(runId, verb, "box-1");
    }

    private static ProducerRecord<String, byte[]> record(String runId, Verb verb, String target) {
        CommandReceived command = new CommandReceived(UUID.randomUUID().toString(), Instant.now(), target, runId,
                verb, Map.of(), new Origin("slack", "C1", "U1", "alice", "trigger-" + runId));
        return new ProducerRecord<>(Events.COMMANDS_TOPIC, target, EventJson.write(command));
    }

    /** The simulator's record shows the call: the destructive action is running now. */
    private void awaitCall(String prefix) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (calls(prefix) == 0) {
            assertThat(Instant.now()).as("no call " + prefix + " within 60 s").isBefore(giveUp);
            Thread.sleep(20);
        }
    }

    private void release() throws IOException {
        Files.writeString(Path.of(calls + ".release"), "go");
    }

    private long calls(String prefix) throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith(prefix)).count() : 0;
    }

    private static long stepStarted(List<RunEvent> log, String runId, String stepId) {
        return log.stream().filter(e -> e instanceof StepStarted s && s.runId().equals(runId)
                && s.stepId().equals(stepId)).count();
    }

    private static List<RunFinished> finishes(List<RunEvent> log, String runId) {
        return log.stream().filter(e -> e instanceof RunFinished f && f.runId().equals(runId))
                .map(RunFinished.class::cast).toList();
    }

    private static String tail(ChildJvm child) {
        String log = child.log();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    private static void runbook(Path dir, String verb, String steps) throws IOException {
        Files.writeString(dir.resolve(verb + ".yaml"), "apiVersion: gpuops/v1\nkind: Runbook\n"
                + "metadata: { name: " + verb + "-ssh, verb: " + verb + ", providers: [ssh] }\nsteps: " + steps + "\n");
    }
}
