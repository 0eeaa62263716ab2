package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.kafka.DurableProducer;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.TargetMuted;
import dev.gpuops.event.TargetUnmuted;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runstate.RunCheckpoint;
import dev.gpuops.runstate.RunStateStore;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the monitor knows survives a restart of every replica and moves with a target to the replica that takes it
 * over, on a real (embedded KRaft) broker: mutes are read back from {@code gpuops.mutes} by every replica, and the
 * runs in flight on a target are rebuilt from {@code gpuops.run-state} after an assignment.
 */
class MonitorDurabilityIT {

    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;
    private EmbeddedKafkaKraftBroker broker;
    private HttpServer http;
    private Targets targets;
    private final List<AutoCloseable> closing = new ArrayList<>();

    @BeforeEach
    void start() throws IOException {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC);
        broker.afterPropertiesSet();
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        http.start();
        Files.writeString(dir.resolve("ssh.yaml"), "apiVersion: gpuops/v1\nkind: Checks\nprovider: ssh\n"
                + "checks:\n  - { id: health-url, probe: http }\n");
        List<Target> list = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            list.add(new Target("t-" + i, "ssh", "C0ALERTS", null, null, null, null,
                    new Target.Health("http://127.0.0.1:" + http.getAddress().getPort() + "/t-" + i, null, null,
                            null, null), null, null, null, null, null, null, null, null,
                    new Target.Monitor(null, null, Duration.ofSeconds(2), 2, 1, null), null, null));
        }
        targets = Targets.of(list.toArray(Target[]::new));
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : closing.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // close the rest; the broker must go down
            }
        }
        http.stop(0);
        broker.destroy();
    }

    @Test
    void aMuteReachesEveryReplicaAndSurvivesARestartOfAllOfThem() throws Exception {
        MonitorRuntime a = runtime("replica-a");
        MonitorRuntime b = runtime("replica-b");
        Instant until = Instant.now().plus(Duration.ofHours(2));
        a.sink().publish(new TargetMuted(Events.newEventId(), Instant.now(), "t-3", until, "U0OPS"));
        await(() -> muted(a, "t-3") && muted(b, "t-3"));
        assertThat(muted(a, "t-4")).isFalse();
        stop(a);
        stop(b);

        MonitorRuntime restarted = runtime("replica-c");
        assertThat(restarted.monitor().describe("t-3")).get().asString().contains("muted");
        assertThat(muted(restarted, "t-4")).isFalse();

        restarted.sink().publish(new TargetUnmuted(Events.newEventId(), Instant.now(), "t-3", "U0OPS"));
        await(() -> !muted(restarted, "t-3"));
        stop(restarted);
        assertThat(muted(runtime("replica-d"), "t-3")).as("the unmute is durable too").isFalse();
    }

    @Test
    void theReplicaThatTakesATargetOverKnowsTheRunInFlightOnIt() throws Exception {
        try (RunStateStore runState = new RunStateStore(broker.getBrokersAsString(), Map.of(),
                Duration.ofSeconds(15)); KafkaProducer<String, byte[]> producer = DurableProducer.create(
                broker.getBrokersAsString(), Map.of(), "it", Duration.ofSeconds(15))) {
            runState.ensureTopic();
            for (String name : targets.names()) {
                runState.put(checkpoint("r-" + name, name, RunCheckpoint.Phase.RUNNING, null));
            }
            MonitorRuntime a = runtime("replica-a");
            await(() -> a.ownership().partitions().size() == PARTITIONS); // b never owned a's targets before
            MonitorRuntime b = runtime("replica-b");
            await(() -> !a.ownership().partitions().isEmpty() && !b.ownership().partitions().isEmpty());
            String target = targets.names().stream().filter(a.monitor()::owns).findFirst().orElseThrow();
            String runId = "r-" + target;
            await(() -> a.monitor().describe(target).orElseThrow().contains("muted during run " + runId));
            assertThat(b.monitor().describe(target).orElseThrow()).doesNotContain("during run");

            stop(a);
            await(() -> b.ownership().partitions().size() == PARTITIONS);
            await(() -> b.monitor().describe(target).orElseThrow().contains("muted during run " + runId));

            runState.put(checkpoint(runId, target, RunCheckpoint.Phase.FINISHED, RunOutcome.SUCCEEDED));
            RunFinished finished = new RunFinished(Events.newEventId(), Instant.now(), target, runId,
                    RunOutcome.SUCCEEDED, "restarted", Duration.ofSeconds(3));
            await(() -> {
                send(producer, finished); // again until read: the new owner starts reading at the log's end
                return !b.monitor().describe(target).orElseThrow().contains("during run");
            });
        }
    }

    private static RunCheckpoint checkpoint(String runId, String target, RunCheckpoint.Phase phase,
                                            RunOutcome outcome) {
        return new RunCheckpoint(runId, target, Verb.RESTART, "restart " + target, Map.of(),
                new Origin("slack", "C0ALERTS", "U0OPS", "ops", null), "e-cmd-" + runId, 1, phase, null,
                List.of(), Map.of(), outcome, Instant.now());
    }

    private static void send(KafkaProducer<String, byte[]> producer, GpuopsEvent event) {
        try {
            producer.send(new ProducerRecord<>(Events.RUNS_TOPIC, event.target(), EventJson.write(event)))
                    .get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("could not send " + event, e);
        }
    }

    private static boolean muted(MonitorRuntime runtime, String target) {
        return runtime.monitor().describe(target).orElseThrow().contains("muted");
    }

    private MonitorRuntime runtime(String clientId) throws InterruptedException {
        MonitorSettings settings = new MonitorSettings(dir, broker.getBrokersAsString(), Map.of(),
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ZERO, clientId);
        MonitorRuntime runtime = new MonitorRuntime(settings, targets, new Services(), Clock.systemUTC());
        closing.add(runtime);
        return runtime.start();
    }

    private void stop(MonitorRuntime runtime) {
        runtime.close();
        closing.remove(runtime);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
