package dev.gpuops.runbook.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code aws.asg.health} against the sandbox's Auto Scaling API (real SDK client, AWS query protocol). */
class AsgHealthTest {

    private static final String GROUP = AwsFixture.GROUP;

    AwsFixture aws;
    final AsgHealth health = new AsgHealth();

    @BeforeEach
    void start() {
        aws = new AwsFixture();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void aHealthyGroupPassesWithItsCounts() {
        TestStepContext ctx = aws.context();

        StepResult result = health.execute(ctx, new AsgHealth.Params(AsgAddress.TARGET));

        assertThat(result.summary()).isEqualTo(GROUP + ": 2/2 instances InService and healthy");
        assertThat(result.outputs()).containsEntry("inService", "2").containsEntry("desired", "2");
        assertThat(ctx.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.PROVIDER_STATE);
            assertThat(e.text()).contains("LifecycleState=InService HealthStatus=Healthy")
                    .doesNotContain("Unhealthy");
        });
        assertThat(health.destructive(new AsgHealth.Params(AsgAddress.TARGET))).isFalse();
    }

    @Test
    void anUnhealthyInstanceFailsTheStepNamingIt() {
        aws.sandbox.fail(GROUP, "instance-unhealthy");
        TestStepContext ctx = aws.context();

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> health.execute(ctx, new AsgHealth.Params(AsgAddress.TARGET)));

        assertThat(failure.getMessage()).startsWith(GROUP + ": HealthStatus Unhealthy on i-")
                .contains("1/2 instances InService and healthy").contains("instance refresh");
        assertThat(failure.retryable()).isFalse();
        assertThat(ctx.evidence()).anyMatch(e -> e.kind() == Evidence.Kind.PROVIDER_STATE
                && e.text().contains("HealthStatus=Unhealthy"));
    }

    @Test
    void anUnknownGroupFailsSayingWhatWasAsked() {
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> health.execute(aws.context(), new AsgHealth.Params(new AsgAddress("asg-nope", null))));

        assertThat(failure.getMessage()).contains("asg-nope");
    }
}
