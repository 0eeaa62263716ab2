package dev.gpuops.runbook.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaConfig;
import dev.gpuops.provider.lambda.LaunchRequest;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import dev.gpuops.target.Target;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaLaunchTest {

    private static final String NAME = "image-server-v2";

    private final LambdaLaunch action = new LambdaLaunch();
    private SandboxLambda sandbox;
    private LambdaCloudClient client;
    private TestStepContext ctx;

    @BeforeEach
    void start() {
        sandbox = SandboxLambda.builder().bootDelay(Duration.ZERO).terminateDelay(Duration.ofMinutes(1)).start();
        sandbox.addSshKey("intelligensi-lambda", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
        client = new LambdaCloudClient(new LambdaConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()),
                RetryPolicy.none());
        ctx = context(TestTargets.lambda(NAME, "gpu_1x_a10", "us-east-1", "intelligensi-lambda"));
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TestStepContext context(Target target) {
        return new TestStepContext(target, new Services().register(LambdaCloudClient.class, client));
    }

    private String existing() {
        return client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "intelligensi-lambda", NAME)).getFirst();
    }

    private long launches() {
        return sandbox.exchanges().stream().filter(e -> e.path().endsWith("/instance-operations/launch")).count();
    }

    private static LambdaLaunch.Params force(boolean force) {
        return new LambdaLaunch.Params(force, null, null, null, null);
    }

    @Test
    void launchesWhenNothingWithTheNameRuns() {
        StepResult result = action.execute(ctx, force(false));
        String id = result.outputs().get("instanceId");
        assertThat(id).matches("[0-9a-f]{32}");
        assertThat(result.outputs()).containsEntry("reused", "false").containsEntry("region", "us-east-1");
        assertThat(result.summary()).contains("launched", "gpu_1x_a10", "us-east-1", NAME);
        assertThat(client.getInstance(id).name()).isEqualTo(NAME);
    }

    @Test
    void reusesTheLiveInstanceWithTheTargetsNameAndSaysSo() {
        String old = existing();
        sandbox.clearExchanges();

        StepResult result = action.execute(ctx, force(false));

        assertThat(result.outputs()).containsEntry("instanceId", old).containsEntry("reused", "true")
                .containsEntry("status", "active");
        assertThat(result.summary()).startsWith("reusing instance " + old.substring(0, 8))
                .contains("(active", "pass --force to replace");
        assertThat(launches()).isZero();
        assertThat(ctx.evidence()).extracting(Evidence::kind).contains(Evidence.Kind.PROVIDER_STATE);
    }

    @Test
    void forceTerminatesTheLiveInstanceAndLaunchesAFreshOne() {
        String old = existing();

        StepResult result = action.execute(ctx, force(true));

        String fresh = result.outputs().get("instanceId");
        assertThat(fresh).isNotEqualTo(old);
        assertThat(sandbox.status(old)).contains("terminating");
        assertThat(sandbox.status(fresh)).contains("active");
        assertThat(result.summary()).contains("replacing " + old.substring(0, 8));
        assertThat(ctx.progressMessages()).anyMatch(m -> m.contains("--force: terminated"));
    }

    @Test
    void isDestructiveOnlyWithForce() {
        assertThat(action.destructive(force(true))).isTrue();
        assertThat(action.destructive(force(false))).isFalse();
        assertThat(action.destructive()).isTrue();
    }

    @Test
    void ignoresTerminatedNamesakes() {
        String old = existing();
        client.terminate(java.util.List.of(old));
        StepResult result = action.execute(ctx, force(false));
        assertThat(result.outputs().get("instanceId")).isNotEqualTo(old);
        assertThat(result.outputs()).containsEntry("reused", "false");
    }

    @Test
    void capacityPreCheckFailsBeforeAnythingIsTerminatedOrLaunched() {
        String old = existing();
        sandbox.setCapacity("gpu_1x_a10", "us-west-1");
        sandbox.clearExchanges();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> action.execute(ctx, force(true)));

        assertThat(failure.getMessage()).startsWith("lambda-capacity: no gpu_1x_a10 capacity in us-east-1")
                .contains("us-west-1 (California, USA)", "Nothing was launched or terminated");
        assertThat(failure.retryable()).isTrue();
        assertThat(sandbox.status(old)).contains("active");
        assertThat(sandbox.exchanges()).extracting(RecordedExchange::path)
                .noneMatch(p -> p.contains("instance-operations"));
    }

    @Test
    void soldOutEverywhereSuggestsTypesThatHaveCapacity() {
        sandbox.setCapacity("gpu_1x_a10");
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> action.execute(ctx, force(false)));
        assertThat(failure.getMessage()).contains("no region has gpu_1x_a10 capacity", "gpu_1x_a100 in us-tx-1");
        assertThat(launches()).isZero();
    }

    @Test
    void unknownInstanceTypeIsAPermanentFailureListingTheOffered() {
        TestStepContext typo = context(TestTargets.lambda(NAME, "gpu_1x_a11", "us-east-1", "intelligensi-lambda"));
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> action.execute(typo, force(false)));
        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("gpu_1x_a11", "gpu_1x_a10", "lambda.instanceType");
    }

    @Test
    void capacityGoneAtLaunchIsARetryableCapacityFailure() {
        sandbox.fail("no-capacity");
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> action.execute(ctx, force(false)));
        assertThat(failure.getMessage()).startsWith("lambda-capacity: Lambda listed capacity but refused")
                .contains("Not enough capacity");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void quotaIsAPermanentFailureSayingWhoCanRaiseIt() {
        sandbox.fail("quota-exceeded");
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> action.execute(ctx, force(false)));
        assertThat(failure.getMessage()).startsWith("lambda-quota:").contains("Lambda support");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void unhealthyNamesakeIsNotReusedWithoutForce() {
        String old = existing();
        sandbox.markUnhealthy(old);
        assertThatThrownBy(() -> action.execute(ctx, force(false)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("unhealthy")
                .hasMessageContaining("--force");
        assertThat(action.execute(ctx, force(true)).outputs().get("instanceId")).isNotEqualTo(old);
    }

    @Test
    void missingLambdaSettingsNameTheTargetsFileField() {
        TestStepContext bare = context(TestTargets.lambda(NAME, "gpu_1x_a10", null, "intelligensi-lambda"));
        assertThatThrownBy(() -> action.execute(bare, force(false)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("no lambda.region in the targets file");
    }
}
