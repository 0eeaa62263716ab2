package dev.gpuops.runstate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.Verb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The world of the handler crash ITs ({@link HandlersCrashIT}, {@link HandlersQueueCrashIT}): a real KRaft broker,
 * a producer of commands, a reader of the run log, the targets and runbooks files, and the {@link HandlerProcess}
 * children it starts and kills. Their test actions write each call to {@code calls.log} and hold until a release
 * file appears. A JUnit extension: each test gets a new rig (empty topics, a new temporary directory).
 */
final class HandlersCrashRig implements BeforeEachCallback, AfterEachCallback {

    RunLogReader runLog;
    private Path dir;
    private Path calls;
    private EmbeddedKafkaKraftBroker broker;
    private KafkaProducer<String, byte[]> producer;
    private final List<ChildJvm> children = new ArrayList<>();

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("handlers-crash-");
        broker = CrashTestBroker.start();
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

    /** Replaces the targets with {@code t-0 … t-(count-1)}, each its own SSH host. */
    void writeTargets(int count) throws IOException {
        StringBuilder yaml = new StringBuilder("targets:\n");
        for (int t = 0; t < count; t++) {
            yaml.append("  t-").append(t).append(":\n    provider: ssh\n    environment: staging\n    ssh: { host: 10.0.0.")
                    .append(t + 1).append(", user: root }\n");
        }
        Files.writeString(dir.resolve("targets.yaml"), yaml.toString());
    }

    /** Starts a handler process with this shutdown grace and waits until it is ready. */
    ChildJvm handlers(int graceSeconds) throws Exception {
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

    void send(String runId, Verb verb) throws Exception {
        producer.send(record(runId, verb, "box-1")).get();
    }

    void sendAsync(String runId, Verb verb) {
        sendAsync(runId, verb, "box-1");
    }

    void sendAsync(String runId, Verb verb, String target) {
        producer.send(record(runId, verb, target));
    }

    void flush() {
        producer.flush();
    }

    private static ProducerRecord<String, byte[]> record(String runId, Verb verb, String target) {
        CommandReceived command = new CommandReceived(UUID.randomUUID().toString(), Instant.now(), target, runId,
                verb, Map.of(), new Origin("slack", "C1", "U1", "alice", "trigger-" + runId));
        return new ProducerRecord<>(Events.COMMANDS_TOPIC, target, EventJson.write(command));
    }

    /** The simulator's record shows the call: the action is running now. */
    void awaitCall(String prefix) throws Exception {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
        while (calls(prefix) == 0) {
            assertThat(Instant.now()).as("no call " + prefix + " within 60 s").isBefore(giveUp);
            Thread.sleep(20);
        }
    }

    /** Lets every held step (and every one that starts later) finish. */
    void release() throws IOException {
        Files.writeString(Path.of(calls + ".release"), "go");
    }

    long calls(String prefix) throws IOException {
        return Files.exists(calls) ? Files.readAllLines(calls).stream().filter(l -> l.startsWith(prefix)).count() : 0;
    }

    static long stepStarted(List<RunEvent> log, String runId, String stepId) {
        return log.stream().filter(e -> e instanceof StepStarted s && s.runId().equals(runId)
                && s.stepId().equals(stepId)).count();
    }

    static List<RunFinished> finishes(List<RunEvent> log, String runId) {
        return log.stream().filter(e -> e instanceof RunFinished f && f.runId().equals(runId))
                .map(RunFinished.class::cast).toList();
    }

    static String tail(ChildJvm child) {
        String log = child.log();
        return log.length() > 4000 ? log.substring(log.length() - 4000) : log;
    }

    private static void runbook(Path dir, String verb, String steps) throws IOException {
        Files.writeString(dir.resolve(verb + ".yaml"), "apiVersion: gpuops/v1\nkind: Runbook\n"
                + "metadata: { name: " + verb + "-ssh, verb: " + verb + ", providers: [ssh] }\nsteps: " + steps + "\n");
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            for (ChildJvm child : children) {
                if (child.alive()) {
                    child.kill9();
                }
            }
            children.clear();
            runLog.close();
            producer.close();
        } finally {
            broker.destroy();
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
