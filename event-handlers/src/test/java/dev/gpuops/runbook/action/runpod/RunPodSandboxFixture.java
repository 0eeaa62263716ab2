package dev.gpuops.runbook.action.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The RunPod sandbox, a client on it and step contexts on its target, shared by the RunPod action tests. */
abstract class RunPodSandboxFixture {

    static final String KEY = "rp-actions-canary-3c9d71e0";
    static final String IMAGE = "ghcr.io/kyl-solutions/sophia-runpod:v7";

    SandboxRunPod sim;
    RunPodClient client;
    String templateId;
    String endpointId;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A frozen sim clock: time moves only when the test advances it. */
    void frozen(int workersMin, int workersMax) {
        start(SimClock.frozen(), workersMin, workersMax, Map.of(), Duration.ofSeconds(30));
    }

    void start(SimClock clock, int workersMin, int workersMax, Map<String, String> env, Duration pullTime) {
        sim = new SandboxRunPod(KEY, clock);
        sim.pullTime(IMAGE, pullTime);
        templateId = sim.createTemplate("sophia", IMAGE, env);
        endpointId = sim.createEndpoint("sophia", templateId, workersMin, workersMax);
        client = new RunPodClient(RunPodConfig.of(KEY).withUrls(sim.apiUrl(), sim.graphqlUrl(), sim.restUrl()),
                RetryPolicy.none());
    }

    TestStepContext ctx(Duration timeout) {
        return ctxFor(new Target.Runpod(endpointId, templateId, null), timeout);
    }

    TestStepContext ctxFor(Target.Runpod runpod, Duration timeout) {
        Target target = new Target("sophia", "runpod", "#gpu-ops", null, IMAGE, null, null, null, null, null, null,
                runpod, null, null, null, null);
        return new TestStepContext(target, new Services().register(RunPodClient.class, client), timeout);
    }

    /**
     * A step on the frozen simulator's time: every pause of the step moves the simulator by as much, so what RunPod
     * reports (delayTime) and what the step measured are on one clock, and nothing sleeps.
     */
    TestStepContext ctxOnSimTime(Duration timeout) {
        Target target = new Target("sophia", "runpod", "#gpu-ops", null, IMAGE, null, null, null, null, null, null,
                new Target.Runpod(endpointId, templateId, null), null, null, null, null);
        SettableClock stepClock = new SettableClock();
        return new TestStepContext(target, new Services().register(RunPodClient.class, client), timeout, stepClock,
                pause -> {
                    stepClock.sleep(pause);
                    sim.clock().advance(pause);
                });
    }

    void advance(int seconds) {
        sim.clock().advance(Duration.ofSeconds(seconds));
    }

    static void noSecretIn(TestStepContext ctx) {
        assertThat(ctx.progressMessages()).noneMatch(m -> m.contains(KEY));
        assertThat(ctx.evidence()).noneMatch(e -> e.text().contains(KEY));
    }
}
