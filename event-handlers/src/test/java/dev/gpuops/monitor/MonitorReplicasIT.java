package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two handler replicas' monitors on one real (embedded KRaft) broker, probing real HTTP health endpoints: the
 * targets are split between them by partition assignment, each failing target gets exactly one incident, and when
 * one replica stops the other takes its targets over without a second incident.
 */
class MonitorReplicasIT {

    private static final int PARTITIONS = 4;

    @TempDir
    Path dir;
    private MonitorReplicasRig rig;
    private HttpServer http;
    private final Map<String, Integer> status = new ConcurrentHashMap<>();

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    @Test
    void twoReplicasSplitTheTargetsAndTheSurvivorTakesOverWithoutDuplicates() throws Exception {
        rig = new MonitorReplicasRig(dir, PARTITIONS);
        Targets targets = targets();
        MonitorRuntime a = rig.replica(targets, new Services(), Duration.ZERO, "replica-a");
        MonitorRuntime b = rig.replica(targets, new Services(), Duration.ZERO, "replica-b");
        rig.awaitSplit(a, b);
        for (String name : targets.names()) {
            assertThat(a.monitor().owns(name) ^ b.monitor().owns(name)).as("exactly one owner of " + name).isTrue();
        }

        status.put("t-1", 500);
        status.put("t-2", 503);
        List<GpuopsEvent> seen = new ArrayList<>();
        String survivorFailsNext = targets.names().stream().filter(n -> !n.equals("t-1") && !n.equals("t-2"))
                .filter(a.monitor()::owns).findFirst().orElseThrow();
        try (KafkaConsumer<String, byte[]> reader = rig.reader()) {
            MonitorReplicasRig.awaitEvents(reader, seen, () -> opened(seen).size() == 2);
            rig.stop(a);
            MonitorReplicasRig.await(() -> b.ownership().partitions().size() == PARTITIONS);

            status.put(survivorFailsNext, 500);
            MonitorReplicasRig.awaitEvents(reader, seen, () -> opened(seen).size() == 3);
            Thread.sleep(1_500); // a few more probe intervals, to give a duplicate the chance to appear
            MonitorReplicasRig.drain(reader, seen);
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

    static Set<String> names(List<GpuopsEvent> events) {
        return new HashSet<>(events.stream().map(GpuopsEvent::target).toList());
    }
}
