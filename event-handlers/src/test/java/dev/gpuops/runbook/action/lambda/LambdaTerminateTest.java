package dev.gpuops.runbook.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaConfig;
import dev.gpuops.provider.lambda.LaunchRequest;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaTerminateTest {

    private final LambdaTerminate action = new LambdaTerminate();
    private SandboxLambda sandbox;
    private LambdaCloudClient client;
    private TestStepContext ctx;

    @BeforeEach
    void start() {
        sandbox = SandboxLambda.builder().bootDelay(Duration.ZERO).terminateDelay(Duration.ofMinutes(1)).start();
        sandbox.addSshKey("k", "ssh-ed25519 AAAA k");
        client = new LambdaCloudClient(new LambdaConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()),
                RetryPolicy.none());
        ctx = new TestStepContext(TestTargets.lambda("image-server-v2", "gpu_1x_a10", "us-east-1", "k"),
                new Services().register(LambdaCloudClient.class, client));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void terminatesTheInstancesWithTheTargetsName() {
        String mine = client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "image-server-v2")).getFirst();
        String other = client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "someone-else")).getFirst();

        StepResult result = action.execute(ctx, new LambdaTerminate.Params(null));

        assertThat(result.outputs()).containsEntry("terminated", mine);
        assertThat(sandbox.status(mine)).contains("terminating");
        assertThat(sandbox.status(other)).contains("active");
        assertThat(action.destructive()).isTrue();
    }

    @Test
    void theBlastRadiusNamesEachInstanceWithItsTypeAndPriceFromTheApi() {
        String mine = client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "image-server-v2")).getFirst();
        client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "someone-else"));

        assertThat(action.blastRadius(ctx, new LambdaTerminate.Params(null))).contains("terminate "
                + LambdaLaunch.shortId(mine) + " (1× A10 (24 GB PCIe), $0.75/h)");
        assertThat(action.blastRadius(ctx, new LambdaTerminate.Params(mine))).contains("terminate "
                + LambdaLaunch.shortId(mine) + " (1× A10 (24 GB PCIe), $0.75/h)");
        assertThat(sandbox.status(mine)).as("reading the blast radius changes nothing").contains("active");
    }

    @Test
    void nothingToTerminateIsNotAFailure() {
        StepResult result = action.execute(ctx, new LambdaTerminate.Params(null));
        assertThat(result.summary()).contains("nothing to terminate");
    }

    @Test
    void unknownIdIsAPermanentFailure() {
        assertThatThrownBy(() -> action.execute(ctx, new LambdaTerminate.Params("0000000000000000dead")))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("does not know instance");
    }
}
