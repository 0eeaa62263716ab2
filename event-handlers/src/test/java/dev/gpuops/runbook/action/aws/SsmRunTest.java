package dev.gpuops.runbook.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SsmRunTest {

    AwsFixture aws;
    final SsmRun run = new SsmRun();

    @BeforeEach
    void start() {
        aws = new AwsFixture();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    static SsmRun.Params params(List<String> commands) {
        return new SsmRun.Params(commands, null, Duration.ofSeconds(60), AwsFixture.POLL, true, null, null);
    }

    @Test
    void runsOnEveryInServiceInstanceAndKeepsOutputAsEvidence() throws Exception {
        TestStepContext ctx = aws.context();

        StepResult result = run.execute(ctx, params(List.of("echo bundle b-0001")));

        assertThat(result.outputs().get("instances").split(",")).hasSize(2);
        assertThat(result.outputs()).containsEntry("stdout", "bundle b-0001\n");
        assertThat(ctx.evidence()).hasSize(2).allSatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.COMMAND_OUTPUT);
            assertThat(e.source()).startsWith("ssm i-").endsWith(": echo bundle b-0001");
            assertThat(e.text()).contains("bundle b-0001");
        });
        assertThat(ctx.progressMessages()).anyMatch(m -> m.endsWith("Success (exit 0)"));
    }

    @Test
    void workersNotRegisteringShowsUpInTheEvidence() throws Exception {
        aws.sandbox.fail(AwsFixture.GROUP, "workers-not-registering");
        TestStepContext ctx = aws.context();

        run.execute(ctx, params(List.of("sudo systemctl status comfyui-worker.service --no-pager")));

        assertThat(ctx.evidence()).allSatisfy(e -> assertThat(e.text())
                .contains("registration failed").contains("invalid fleet secret"));
    }

    @Test
    void failingCommandFailsTheStepWithExitCodeAndStderr() {
        aws.sandbox.onCommand("apply-bundle", 2, "", "aws: error: NoSuchKey bundles/b-0001/manifest.json\n");
        String instance = aws.client.describeGroup(AwsFixture.GROUP).instances().getFirst().instanceId();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> run.execute(aws.context(),
                new SsmRun.Params(List.of("/opt/comfyui/bin/apply-bundle.sh"), List.of(instance), null,
                        AwsFixture.POLL, null, null, null)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("Failed on " + instance + " (exit 2)")
                .hasMessageContaining("NoSuchKey");
    }

    @Test
    void secretsInCommandOutputAreRedacted() throws Exception {
        String secret = aws.sandbox.parameterValue("/bp/staging/fleet-secret").orElseThrow();
        aws.sandbox.onCommand("/opt/worker/env", 0, "BACKEND_URL=https://api.example\nCOMFYUI_FLEET_SECRET=" + secret
                + "\n", "");
        new SsmGet().execute(aws.context(), SsmGet.Params.of("fleet-secret"));
        TestStepContext ctx = aws.context();

        StepResult result = run.execute(ctx, params(List.of("sudo cat /opt/worker/env")));

        assertThat(result.outputs().get("stdout")).contains("BACKEND_URL").doesNotContain(secret);
        assertThat(ctx.evidence()).allSatisfy(e -> assertThat(e.text()).doesNotContain(secret));
    }

    @Test
    void readOnlyStepsAreNotDestructive() {
        assertThat(run.destructive(params(List.of("true")))).isFalse();
        assertThat(run.destructive(SsmRun.Params.of(List.of("systemctl restart comfyui")))).isTrue();
        assertThat(run.destructive()).isTrue();
    }

    @Test
    void emptyGroupIsARetryableFailure() throws Exception {
        aws.client.setDesiredCapacity(AwsFixture.GROUP, 0, false);

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> run.execute(aws.context(),
                params(List.of("true"))));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("no InService instance");
    }
}
