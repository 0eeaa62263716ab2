package dev.gpuops.runbook.action.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.runpod.SimClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The RunPod image actions against the sandbox: setting the template image and waiting for its workers. */
class RunPodImageActionsTest extends RunPodSandboxFixture {

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
