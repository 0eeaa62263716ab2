package dev.gpuops.runbook.action.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.runpod.RunPodClient;
import dev.gpuops.provider.runpod.RunPodConfig;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.runpod.SimClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The RunPod queue actions against the sandbox, as the engine would run them: health, ping, purge, scale. */
class RunPodActionsTest extends RunPodSandboxFixture {

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
}
