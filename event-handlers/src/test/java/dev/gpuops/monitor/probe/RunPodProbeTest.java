package dev.gpuops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Seed 003's signals read from the RunPod simulator's /health, with sim time moved by the test. */
class RunPodProbeTest {

    private static final String KEY = "rp-monitor-canary-51f0aa3e";
    private static final String IMAGE = "ghcr.io/kyl-solutions/sophia-runpod:v7";
    private static final CheckDefinition CHECK = new CheckDefinition("runpod-health", "runpod-health", null, null);

    private SandboxRunPod sim;
    private RunPodClient client;
    private String endpointId;
    private RunPodProbe probe;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    private void start(int workersMin, int workersMax) {
        sim = new SandboxRunPod(KEY, SimClock.frozen());
        sim.pullTime(IMAGE, Duration.ofSeconds(30));
        String templateId = sim.createTemplate("sophia", IMAGE, Map.of());
        endpointId = sim.createEndpoint("sophia", templateId, workersMin, workersMax);
        client = new RunPodClient(RunPodConfig.of(KEY).withUrls(sim.apiUrl(), sim.graphqlUrl(), sim.restUrl()),
                RetryPolicy.none());
        Clock simTime = new Clock() {
            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(sim.clock().millis());
            }
        };
        probe = new RunPodProbe(client, simTime);
    }

    private Target target() {
        return new Target("sophia", "runpod", "C0ALERTS", null, IMAGE, null, null, null, null, null, null,
                new Target.Runpod(endpointId, null, 120, Duration.ofMinutes(5), Duration.ofMinutes(15)), null, null,
                null, null);
    }

    private List<String> failingAfter(Duration total, Duration step) {
        List<CheckResult> last = probe.run(CHECK, target());
        for (Duration t = Duration.ZERO; t.compareTo(total) < 0; t = t.plus(step)) {
            sim.clock().advance(step);
            last = probe.run(CHECK, target());
        }
        return last.stream().filter(CheckResult::isFailing).map(CheckResult::check).toList();
    }

    @Test
    void aHealthyEndpointNeverFails() {
        start(0, 2);
        assertThat(failingAfter(Duration.ofMinutes(40), Duration.ofMinutes(1))).isEmpty();
        client.run(endpointId, Map.of("prompt", "hi"));
        assertThat(failingAfter(Duration.ofMinutes(20), Duration.ofSeconds(30))).isEmpty();
    }

    @Test
    void workersThatNeverFinishInitialisingAreAnInitLoopAndBurnCredit() {
        start(1, 2);
        sim.fail(endpointId, "init-timeout");
        List<CheckResult> early = probe.run(CHECK, target());
        assertThat(early).noneMatch(CheckResult::isFailing);
        assertThat(failingAfter(Duration.ofMinutes(16), Duration.ofMinutes(1)))
                .contains("runpod-health/init-loop", "runpod-health/credit-burn");
    }

    @Test
    void queuedJobsThatNobodyPicksUpAreStuckAfterStuckAfter() {
        start(1, 2);
        sim.fail(endpointId, "jobs-stuck");
        sim.clock().advance(Duration.ofMinutes(2));
        client.run(endpointId, Map.of("prompt", "hi"));
        assertThat(failingAfter(Duration.ofMinutes(3), Duration.ofMinutes(1))).isEmpty();
        List<String> failing = failingAfter(Duration.ofMinutes(3), Duration.ofMinutes(1));
        assertThat(failing).containsExactly("runpod-health/jobs-stuck");
    }

    @Test
    void aDeletedEndpointIsDead() {
        start(0, 1);
        sim.fail(endpointId, "dead-endpoint");
        List<CheckResult> results = probe.run(CHECK, target());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.check()).isEqualTo("runpod-health/dead-endpoint");
            assertThat(r.isFailing()).isTrue();
        });
    }

    @Test
    void anUnreachableApiIsUnknownNotFailing() {
        start(0, 1);
        sim.failNext(3, 500, null);
        List<CheckResult> results = probe.run(CHECK, target());
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckResult.Status.UNKNOWN);
            assertThat(r.evidence()).startsWith("RunPod API unreachable (").doesNotContain(KEY);
        });
    }
}
