package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two handler replicas' monitors on one real (embedded KRaft) broker, probing real HTTP health endpoints: the
 * targets are split between them by partition assignment, each failing target gets exactly one incident, and when
 * one replica stops the other takes its targets over without a second incident.
 */
class MonitorReplicasIT {

    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;
    private EmbeddedKafkaKraftBroker broker;
    private HttpServer http;
    private final Map<String, Integer> status = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closing = new ArrayList<>();

    @AfterEach
    void stop() {
        for (AutoCloseable c : closing.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // close the rest; the broker must go down
            }
        }
        if (http != null) {
            http.stop(0);
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    @Test
    void twoReplicasSplitTheTargetsAndTheSurvivorTakesOverWithoutDuplicates() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC);
        broker.afterPropertiesSet();
        Targets targets = targets();
        MonitorRuntime a = runtime(targets, "replica-a");
        MonitorRuntime b = runtime(targets, "replica-b");
        await(() -> a.ownership().partitions().size() + b.ownership().partitions().size() == PARTITIONS
                && !a.ownership().partitions().isEmpty() && !b.ownership().partitions().isEmpty());
        for (String name : targets.names()) {
            assertThat(a.monitor().owns(name) ^ b.monitor().owns(name)).as("exactly one owner of " + name).isTrue();
        }

        status.put("t-1", 500);
        status.put("t-2", 503);
        List<GpuopsEvent> seen = new ArrayList<>();
        String survivorFailsNext = targets.names().stream().filter(n -> !n.equals("t-1") && !n.equals("t-2"))
                .filter(a.monitor()::owns).findFirst().orElseThrow();
        try (KafkaConsumer<String, byte[]> reader = reader()) {
            awaitEvents(reader, seen, () -> opened(seen).size() == 2);
            a.close();
            closing.remove(a);
            await(() -> b.ownership().partitions().size() == PARTITIONS);

            status.put(survivorFailsNext, 500);
            awaitEvents(reader, seen, () -> opened(seen).size() == 3);
            Thread.sleep(1_500); // a few more probe intervals, to give a duplicate the chance to appear
            drain(reader, seen);
        }
        assertThat(opened(seen)).extracting(o -> o.incident().target())
                .containsExactlyInAnyOrder("t-1", "t-2", survivorFailsNext);
        assertThat(opened(seen)).extracting(o -> o.incident().id()).doesNotHaveDuplicates()
                .allMatch(id -> id.startsWith("inc-"));
        assertThat(names(seen.stream().filter(HealthCheckFailed.class::isInstance).toList()))
                .containsExactlyInAnyOrder("t-1", "t-2", survivorFailsNext);
    }

    private static List<IncidentOpened> opened(List<GpuopsEvent> seen) {
        return seen.stream().filter(IncidentOpened.class::isInstance).map(IncidentOpened.class::cast).toList();
    }

    private Targets targets() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath().substring(1);
            int code = status.getOrDefault(name, 200);
            byte[] body = (code == 200 ? "ok" : "down").getBytes();
            exchange.sendResponseHeaders(code, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        http.start();
        String[] providers = {"ssh", "lambda", "vast"};
        for (String provider : providers) {
            Files.writeString(dir.resolve(provider + ".yaml"), "apiVersion: gpuops/v1\nkind: Checks\nprovider: "
                    + provider + "\nchecks:\n  - { id: health-url, probe: http }\n");
        }
        List<Target> list = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            String name = "t-" + i;
            list.add(new Target(name, providers[i % 3], "C0ALERTS", null, null, null, null,
                    new Target.Health("http://127.0.0.1:" + http.getAddress().getPort() + "/" + name, null, null,
                            null, null), null, null, null, null, null, null, null, null,
                    new Target.Monitor(null, null, Duration.ofSeconds(2), 2, 1, null), null, null));
        }
        return Targets.of(list.toArray(Target[]::new));
    }

    private MonitorRuntime runtime(Targets targets, String clientId) throws InterruptedException {
        MonitorSettings settings = new MonitorSettings(dir, broker.getBrokersAsString(), Map.of(),
                Duration.ofMillis(100), Duration.ofMillis(250), Duration.ZERO, clientId);
        MonitorRuntime runtime = new MonitorRuntime(settings, targets, new Services(), Clock.systemUTC());
        closing.add(runtime);
        return runtime.start();
    }

    private KafkaConsumer<String, byte[]> reader() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(MonitorTopics.INCIDENTS_TOPIC, MonitorTopics.HEALTH_TOPIC));
        return consumer;
    }

    private static void drain(KafkaConsumer<String, byte[]> reader, List<GpuopsEvent> seen) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(300))) {
            seen.add(EventJson.read(record.value()));
        }
    }

    private static void awaitEvents(KafkaConsumer<String, byte[]> reader, List<GpuopsEvent> seen,
                                    BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("events did not arrive: " + seen).isLessThan(deadline);
            drain(reader, seen);
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static Set<String> names(List<GpuopsEvent> events) {
        return new HashSet<>(events.stream().map(GpuopsEvent::target).toList());
    }
}
