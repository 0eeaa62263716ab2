package dev.gpuops.runbook.action.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The RunPod actions against the sandbox, as the engine would run them. */
class RunPodActionsTest {

    private static final String KEY = "rp-actions-canary-3c9d71e0";
    private static final String IMAGE = "ghcr.io/kyl-solutions/sophia-runpod:v7";

    private SandboxRunPod sim;
    private RunPodClient client;
    private String templateId;
    private String endpointId;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    /** A frozen sim clock: time moves only when the test advances it. */
    private void frozen(int workersMin, int workersMax) {
        start(SimClock.frozen(), workersMin, workersMax, Map.of(), Duration.ofSeconds(30));
    }

    private void start(SimClock clock, int workersMin, int workersMax, Map<String, String> env, Duration pullTime) {
        sim = new SandboxRunPod(KEY, clock);
        sim.pullTime(IMAGE, pullTime);
        templateId = sim.createTemplate("sophia", IMAGE, env);
        endpointId = sim.createEndpoint("sophia", templateId, workersMin, workersMax);
        client = new RunPodClient(RunPodConfig.of(KEY).withUrls(sim.apiUrl(), sim.graphqlUrl(), sim.restUrl()),
                RetryPolicy.none());
    }

    private TestStepContext ctx(Duration timeout) {
        return ctxFor(new Target.Runpod(endpointId, templateId, null), timeout);
    }

    private TestStepContext ctxFor(Target.Runpod runpod, Duration timeout) {
        Target target = new Target("sophia", "runpod", "#gpu-ops", null, IMAGE, null, null, null, null, null, null,
                runpod, null, null, null, null);
        return new TestStepContext(target, new Services().register(RunPodClient.class, client), timeout);
    }

    /**
     * A step on the frozen simulator's time: every pause of the step moves the simulator by as much, so what RunPod
     * reports (delayTime) and what the step measured are on one clock, and nothing sleeps.
     */
    private TestStepContext ctxOnSimTime(Duration timeout) {
        Target target = new Target("sophia", "runpod", "#gpu-ops", null, IMAGE, null, null, null, null, null, null,
                new Target.Runpod(endpointId, templateId, null), null, null, null, null);
        dev.gpuops.sandbox.support.SettableClock stepClock = new dev.gpuops.sandbox.support.SettableClock();
        return new TestStepContext(target, new Services().register(RunPodClient.class, client), timeout, stepClock,
                pause -> {
                    stepClock.sleep(pause);
                    sim.clock().advance(pause);
                });
    }

    private void advance(int seconds) {
        sim.clock().advance(Duration.ofSeconds(seconds));
    }

    private static void noSecretIn(TestStepContext ctx) {
        assertThat(ctx.progressMessages()).noneMatch(m -> m.contains(KEY));
        assertThat(ctx.evidence()).noneMatch(e -> e.text().contains(KEY));
    }

    @Test
    void healthSummarisesQueueAndWorkersAndRecordsEvidence() {
        frozen(1, 3);
        advance(31);
        sim.fail(endpointId, "jobs-stuck");
        for (int i = 0; i < 3; i++) {
            client.run(endpointId, Map.of("n", i));
        }
        TestStepContext ctx = ctx(Duration.ofSeconds(5));

        StepResult result = new RunPodHealth().execute(ctx, new RunPodHealth.Params());

        assertThat(result.summary()).isEqualTo("queue 3, workers: 1 ready, 2 initializing");
        assertThat(result.outputs()).containsEntry("inQueue", "3").containsEntry("workersReady", "1")
                .containsEntry("workersInitializing", "2");
        assertThat(ctx.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.PROVIDER_STATE);
            assertThat(e.text()).contains("initializing 2").contains("queue 3");
        });
    }

    @Test
    void deadEndpointFailureNamesTheLiveEndpoints() {
        frozen(0, 1);
        sim.fail(endpointId, "dead-endpoint");
        TestStepContext ctx = ctx(Duration.ofSeconds(5));

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new RunPodHealth().execute(ctx, new RunPodHealth.Params()));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("endpoint " + endpointId + " not found")
                .contains("Live endpoints on this account: " + sim.replacementOf(endpointId) + " (sophia)");
    }

    @Test
    void targetWithoutRunpodSectionFailsWithConfigHint() {
        frozen(0, 1);
        TestStepContext ctx = ctxFor(null, Duration.ofSeconds(5));

        assertThatThrownBy(() -> new RunPodHealth().execute(ctx, new RunPodHealth.Params()))
                .isInstanceOf(StepFailure.class).hasMessageContaining("no runpod.endpointId in the targets file");
    }

    @Test
    void badKeyFailsWithoutLeakingIt() {
        frozen(0, 1);
        client = new RunPodClient(RunPodConfig.of(KEY + "-old").withUrls(sim.apiUrl(), sim.graphqlUrl(),
                sim.restUrl()), RetryPolicy.none());
        TestStepContext ctx = ctx(Duration.ofSeconds(5));

        assertThatThrownBy(() -> new RunPodHealth().execute(ctx, new RunPodHealth.Params()))
                .isInstanceOf(StepFailure.class).hasMessageContaining("RUNPOD_API_KEY")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain(KEY));
        noSecretIn(ctx);
    }

    @Test
    void pingReportsColdStartFromTheQueueWait() throws Exception {
        start(SimClock.frozen(), 0, 1, Map.of(), Duration.ofSeconds(30));
        TestStepContext ctx = ctxOnSimTime(Duration.ofMinutes(5));

        StepResult result = new RunPodPing().execute(ctx,
                new RunPodPing.Params(Duration.ofSeconds(5), null));

        assertThat(result.outputs()).containsEntry("coldStartSeconds", "30.0").containsEntry("version", "v7")
                .containsEntry("executionMs", "60");
        assertThat(result.summary()).isEqualTo("pong from v7 in 60 ms; queued 30.0s (cold start)");
        assertThat(ctx.progressMessages().getFirst()).startsWith("ping job ").contains("submitted (IN_QUEUE)");
        assertThat(ctx.progressMessages()).contains("ping job IN_QUEUE (0s)", "ping job IN_PROGRESS (30s)");
        noSecretIn(ctx);
    }

    @Test
    void pingStuckBehindReadyWorkersPointsAtTheSdkRoutingBugAndCancelsTheJob() {
        frozen(1, 1);
        advance(31);
        sim.fail(endpointId, "jobs-stuck");
        TestStepContext ctx = ctx(Duration.ofMillis(400));

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new RunPodPing().execute(ctx,
                new RunPodPing.Params(Duration.ofMillis(50), null)));

        assertThat(failure.getMessage()).contains("still IN_QUEUE").contains("report ready but did not pick")
                .contains("runpod==1.7.10").contains("was cancelled");
        assertThat(client.health(endpointId).jobs().inQueue()).isZero();
        assertThat(ctx.evidence()).anySatisfy(e -> assertThat(e.text()).contains("ready 1"));
    }

    @Test
    void purgeReportsRemovedJobsAndExplainsTheRateLimit() {
        frozen(1, 1);
        sim.fail(endpointId, "jobs-stuck");
        client.run(endpointId, Map.of("n", 1));
        client.run(endpointId, Map.of("n", 2));
        RunPodPurgeQueue purge = new RunPodPurgeQueue();

        StepResult first = purge.execute(ctx(Duration.ofSeconds(5)), new RunPodPurgeQueue.Params());
        StepResult second = purge.execute(ctx(Duration.ofSeconds(5)), new RunPodPurgeQueue.Params());
        StepFailure third = catchThrowableOfType(StepFailure.class,
                () -> purge.execute(ctx(Duration.ofSeconds(5)), new RunPodPurgeQueue.Params()));

        assertThat(first.outputs()).containsEntry("removed", "2");
        assertThat(first.summary()).isEqualTo("purged 2 queued jobs (running jobs continue)");
        assertThat(second.summary()).isEqualTo("queue was already empty");
        assertThat(third.retryable()).isTrue();
        assertThat(third.getMessage()).contains("2 purge-queue calls per 10 seconds").contains("try again in 10 s");
        assertThat(purge.destructive()).isTrue();
    }

    @Test
    void scaleToZeroStopsAllWorkersAndSpend() {
        frozen(2, 2);
        advance(600);
        double burned = sim.creditBurned(endpointId);
        assertThat(burned).isPositive();

        StepResult result = new RunPodScale().execute(ctx(Duration.ofSeconds(5)),
                new RunPodScale.Params(0, 0));
        advance(3600);

        assertThat(result.summary()).startsWith("scaled to zero").contains("spend stops").contains("(was 2/2)");
        assertThat(result.outputs()).containsEntry("workersMax", "0").containsEntry("previousWorkersMax", "2");
        assertThat(sim.creditBurned(endpointId)).isEqualTo(burned);
        assertThat(client.health(endpointId).workers().up()).isZero();
    }

    @Test
    void scaleRejectsInvertedBounds() {
        assertThatThrownBy(() -> new RunPodScale.Params(2, 1))
                .hasMessageContaining("0 <= workersMin <= workersMax");
    }

    @Test
    void setImageRefusesLatestAndUntaggedImages() {
        assertThatThrownBy(() -> new RunPodSetImage.Params("ghcr.io/kyl-solutions/sophia-runpod:latest",
                null, null)).hasMessageContaining("use a versioned tag or a digest");
        assertThatThrownBy(() -> new RunPodSetImage.Params("ghcr.io/kyl-solutions/sophia-runpod", null, null))
                .hasMessageContaining("no tag");
        assertThat(new RunPodSetImage.Params("localhost:5000/worker@sha256:" + "a".repeat(64), null, null)
                .image()).contains("@sha256:");
    }

    @Test
    void setImageMergesEnvSetsInitTimeoutAndSendsEnvAsObject() {
        frozen(1, 1);
        sim.clearRequests();
        TestStepContext ctx = ctx(Duration.ofSeconds(5));

        StepResult result = new RunPodSetImage().execute(ctx, new RunPodSetImage.Params(
                "ghcr.io/kyl-solutions/sophia-runpod:v8", null, Map.of("LOG_LEVEL", "debug")));

        assertThat(sim.templateImage(templateId)).endsWith(":v8");
        assertThat(sim.templateEnv(templateId)).containsEntry("RUNPOD_INIT_TIMEOUT", "900")
                .containsEntry("LOG_LEVEL", "debug");
        JsonNode patch = JsonMapper.builder().build().readTree(sim.requests().getLast().requestBody());
        assertThat(sim.requests().getLast().method()).isEqualTo("PATCH");
        assertThat(patch.get("env").isObject()).isTrue();
        assertThat(result.summary()).contains("was " + IMAGE).contains("RUNPOD_INIT_TIMEOUT=900")
                .contains("rolling release started");
        assertThat(result.outputs()).containsEntry("previousImage", IMAGE);
        assertThat(ctx.progressMessages()).anyMatch(m -> m.contains("private by default"));
    }

    @Test
    void waitReadyFollowsAColdStartToReady() throws Exception {
        start(SimClock.frozen(), 1, 1, Map.of("RUNPOD_INIT_TIMEOUT", "900"), Duration.ofSeconds(200));
        TestStepContext ctx = ctxOnSimTime(Duration.ofMinutes(20));

        StepResult result = new RunPodWaitReady().execute(ctx,
                new RunPodWaitReady.Params(Duration.ofSeconds(10), null, null, null));

        assertThat(result.summary()).startsWith("1 worker(s) ready after");
        assertThat(result.outputs()).containsEntry("workersReady", "1").containsKey("waitedSeconds");
        assertThat(ctx.progressMessages()).anyMatch(m -> m.contains("1 initializing"));
    }

    @Test
    void waitReadyFailsFastOnTheInitTimeoutKillLoop() {
        // seed 003: a 14.8 GB image needs 10+ minutes, RunPod's default init timeout is 7
        start(SimClock.frozen(), 1, 1, Map.of(), Duration.ofMinutes(10));
        // an unhealthy phase longer than the poll interval, so every kill is observed
        sim.restartDelay(Duration.ofSeconds(60));
        TestStepContext ctx = ctxOnSimTime(Duration.ofHours(1));

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new RunPodWaitReady().execute(ctx,
                new RunPodWaitReady.Params(Duration.ofSeconds(10), null, null, null)));

        // on one clock for RunPod and the step, the first kill (at 420 s) is seen, and 60 s past the timeout with
        // no worker ever ready settles it before a second one burns more credit
        assertThat(failure.getMessage()).contains("kill loop")
                .contains("longer than RUNPOD_INIT_TIMEOUT=420s").contains("RUNPOD_INIT_TIMEOUT (now 420 s)").contains("runpod.set_image");
        assertThat(failure.retryable()).isFalse();
        assertThat(ctx.evidence()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo("runpod /health timeline " + endpointId);
            assertThat(e.text()).contains("unhealthy 1").contains("initializing 1");
        });
        assertThat(ctx.progressMessages()).anyMatch(m -> m.contains("worker kills seen: 1"));
    }

    @Test
    void waitReadyFailsFastWhenTheEndpointHasNoWorkers() {
        frozen(0, 1);
        TestStepContext ctx = ctxOnSimTime(Duration.ofMinutes(20));

        assertThatThrownBy(() -> new RunPodWaitReady().execute(ctx,
                new RunPodWaitReady.Params(Duration.ofSeconds(10), null, null, null)))
                .isInstanceOf(StepFailure.class).hasMessageContaining("has no workers at all")
                .hasMessageContaining("workersMin >= 1");
    }
}
