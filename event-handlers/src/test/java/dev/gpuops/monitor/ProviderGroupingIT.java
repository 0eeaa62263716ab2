package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RunPod outage seen by two handler replicas on one real broker: five RunPod endpoints die together, their
 * targets are probed partly by one replica and partly by the other, and the fleet gets exactly one provider-wide
 * incident listing all five, written by one replica, and no per-target incident.
 */
class ProviderGroupingIT {

    private static final int PARTITIONS = 4;
    private static final String KEY = "rp-grouping-it-7b21c4";

    @TempDir
    Path dir;
    private MonitorReplicasRig rig;
    private SandboxRunPod runPod;

    @AfterEach
    void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void fiveRunPodTargetsFailingTogetherOnTwoReplicasAreOneProviderWideIncident() throws Exception {
        rig = new MonitorReplicasRig(dir, PARTITIONS);
        runPod = rig.closeLater(SandboxRunPod.start(KEY));
        Map<String, String> endpoints = endpoints();
        Targets targets = targets(endpoints);
        Services services = new Services().register(RunPodClient.class, new RunPodClient(RunPodConfig.of(KEY)
                .withUrls(runPod.apiUrl(), runPod.graphqlUrl(), runPod.restUrl()), RetryPolicy.none()));
        MonitorRuntime a = rig.replica(targets, services, Duration.ofSeconds(3), "replica-a");
        MonitorRuntime b = rig.replica(targets, services, Duration.ofSeconds(3), "replica-b");
        rig.awaitSplit(a, b);
        assertThat(endpoints.keySet()).as("the targets are split over both replicas")
                .anyMatch(a.monitor()::owns).anyMatch(b.monitor()::owns);

        List<GpuopsEvent> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> reader = rig.reader()) {
            endpoints.values().forEach(id -> runPod.fail(id, "dead-endpoint"));
            MonitorReplicasRig.await(() -> {
                MonitorReplicasRig.drain(reader, seen);
                return wide(a).map(i -> i.members().size() == endpoints.size()).orElse(false)
                        && wide(b).map(i -> i.members().size() == endpoints.size()).orElse(false);
            });
            Thread.sleep(1_500); // more probe rounds and flushes, to give a per-target incident the chance to appear
            MonitorReplicasRig.drain(reader, seen);
        }

        List<IncidentOpened> opened = seen.stream().filter(IncidentOpened.class::isInstance)
                .map(IncidentOpened.class::cast).toList();
        assertThat(opened).singleElement().satisfies(o -> {
            assertThat(o.incident().providerWide()).isTrue();
            assertThat(o.incident().target()).isEqualTo("provider:runpod");
        });
        assertThat(wide(a).orElseThrow().members()).containsExactlyInAnyOrderElementsOf(endpoints.keySet());
        assertThat(seen.stream().filter(HealthCheckFailed.class::isInstance).map(GpuopsEvent::target))
                .containsExactlyInAnyOrderElementsOf(endpoints.keySet());
        assertThat(a.monitor().incidents().open()).singleElement();
    }

    private static Optional<Incident> wide(MonitorRuntime runtime) {
        return runtime.monitor().incidents().openProviderWide("runpod");
    }

    /** Five target names, at least two in each half of the partitions (the range assignor's split). */
    private Map<String, String> endpoints() {
        String template = runPod.createTemplate("sophia", "ghcr.io/acme/sophia:v7", Map.of());
        Map<String, String> byTarget = new LinkedHashMap<>();
        int low = 0;
        int high = 0;
        for (int i = 1; byTarget.size() < 5; i++) {
            String name = "pod-" + i;
            boolean lowHalf = Ownership.partitionOf(name, PARTITIONS) < PARTITIONS / 2;
            if ((lowHalf && low < 3) || (!lowHalf && high < 3)) {
                byTarget.put(name, runPod.createEndpoint(name, template, 0, 1));
                low += lowHalf ? 1 : 0;
                high += lowHalf ? 0 : 1;
            }
        }
        return byTarget;
    }

    private Targets targets(Map<String, String> endpoints) throws Exception {
        Files.writeString(dir.resolve("runpod.yaml"), "apiVersion: gpuops/v1\nkind: Checks\nprovider: runpod\n"
                + "checks:\n  - { id: runpod-health, probe: runpod-health }\n");
        List<Target> list = new ArrayList<>();
        endpoints.forEach((name, endpoint) -> list.add(new Target(name, "runpod", "C0ALERTS", null, null, null,
                null, null, null, null, null, new Target.Runpod(endpoint, null, 120), null, null, null, null,
                new Target.Monitor(null, null, Duration.ofSeconds(2), 2, 1, null), null, null)));
        return Targets.of(list.toArray(Target[]::new));
    }
}
