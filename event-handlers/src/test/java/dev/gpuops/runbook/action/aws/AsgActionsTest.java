package dev.gpuops.runbook.action.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AsgActionsTest {

    /** Minutes-long launches and refresh steps, as in AWS; the step's pauses move the simulator's clock. */
    private static final Timing REALISTIC = Timing.of(Duration.ofSeconds(60), Duration.ofSeconds(60));

    static final String GROUP = AwsFixture.GROUP;

    AwsFixture aws;
    final AsgScale scale = new AsgScale();
    final AsgRefresh refresh = new AsgRefresh();

    @BeforeEach
    void start() {
        aws = new AwsFixture();
    }

    @AfterEach
    void stop() {
        aws.close();
    }

    @Test
    void scaleUpWaitsUntilTheNewInstancesAreInService() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
        try (AwsFixture stepped = new AwsFixture(clock, REALISTIC)) {
            TestStepContext ctx = stepped.context(clock);

            StepResult result = scale.execute(ctx, new AsgScale.Params(4, null, null, null, true,
                    Duration.ofSeconds(15), AsgAddress.TARGET));

            assertScaledUp(ctx, result);
        }
    }

    private static void assertScaledUp(TestStepContext ctx, StepResult result) {
        assertThat(result.outputs()).containsEntry("previousDesired", "2").containsEntry("desired", "4")
                .containsEntry("inService", "4");
        assertThat(ctx.progressMessages().getFirst()).isEqualTo(GROUP + " desired 2 → 4");
        // live detail while instances boot: the state at once, then again every 30 s with the time waited
        assertThat(ctx.progressMessages()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(ctx.progressMessages().get(1))
                .isEqualTo("2/4 InService (min 0, max 4, desired 4, 2 InService, 2 Pending) (0s)");
        assertThat(ctx.progressMessages().get(2))
                .isEqualTo("2/4 InService (min 0, max 4, desired 4, 2 InService, 2 Pending) (30s)");
        assertThat(ctx.evidence()).anyMatch(e -> e.kind() == Evidence.Kind.PROVIDER_STATE
                && e.text().contains("desired 2, 2 InService"));
    }

    @Test
    void scaleDownSaysHowManyInstancesItTerminates() throws Exception {
        StepResult result = scale.execute(aws.context(), AsgScale.Params.desired(0));

        assertThat(result.summary()).startsWith(GROUP + " desired 2 → 0 (terminating 2)");
        assertThat(aws.sandbox.desiredCapacity(GROUP)).isZero();
        assertThat(scale.destructive(AsgScale.Params.desired(0))).isTrue();
    }

    @Test
    void desiredAboveMaxFailsSuggestingBounds() {
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> scale.execute(aws.context(), AsgScale.Params.desired(9)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("above max value 4").hasMessageContaining("pass min:/max:");
    }

    @Test
    void minAndMaxMoveTheBounds() throws Exception {
        scale.execute(aws.context(), new AsgScale.Params(6, 1, 8, null, null, null, AsgAddress.TARGET));

        assertThat(aws.client.describeGroup(GROUP)).satisfies(g -> {
            assertThat(g.minSize()).isEqualTo(1);
            assertThat(g.maxSize()).isEqualTo(8);
            assertThat(g.desiredCapacity()).isEqualTo(6);
        });
    }

    @Test
    void persistentThrottlingIsARetryableFailure() {
        aws.sandbox.fail("throttle");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> scale.execute(aws.context(), AsgScale.Params.desired(3)));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("Throttling");
    }

    @Test
    void missingGroupOnTargetAndStepIsAClearFailure() {
        var target = new dev.gpuops.target.Target("bare", "aws", "#c", null, null, null, null, null, null, null,
                null, null, null, null, null, java.util.Map.of());
        var ctx = new TestStepContext(target, new dev.gpuops.runbook.action.Services()
                .register(dev.gpuops.provider.aws.AwsFleetClient.class, aws.client));

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> scale.execute(ctx, AsgScale.Params.desired(1)));

        assertThat(failure).hasMessageContaining("no aws.autoScalingGroup").hasMessageContaining("pass group:");
    }

    @Test
    void refreshReportsRisingProgressUntilSuccessful() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
        try (AwsFixture stepped = new AwsFixture(clock, REALISTIC)) {
            stepped.sandbox.group("asg-staging-big", 0, 8, 4);
            TestStepContext ctx = stepped.context(clock);

            StepResult result = refresh.execute(ctx, new AsgRefresh.Params(90, Duration.ofSeconds(300),
                    Duration.ofSeconds(15), new AsgAddress("asg-staging-big", null)));

            assertRefreshed(ctx, result);
        }
    }

    private static void assertRefreshed(TestStepContext ctx, StepResult result) {
        assertThat(result.outputs()).containsEntry("status", "Successful").containsEntry("percentageComplete", "100")
                .containsEntry("group", "asg-staging-big");
        assertThat(ctx.progressMessages().getFirst()).matches("instance refresh [0-9a-f-]{36} started on"
                + " asg-staging-big \\(min healthy 90%, warm-up 300s\\)");
        // every percentage is seen, rising; the thread's lines carry the time waited on the step's clock
        List<Integer> seen = percentages(ctx.progressMessages());
        assertThat(seen).isSorted();
        assertThat(seen.stream().distinct().toList()).containsExactly(0, 25, 50, 75);
        assertThat(ctx.progressMessages().subList(1, ctx.progressMessages().size()))
                .allMatch(m -> m.matches("instance refresh .* \\((\\d+m)?(\\d+s)?\\)"));
        assertThat(result.summary()).endsWith("Successful");
    }

    @Test
    void failedRefreshFailsTheStepWithTheStatusReason() {
        aws.sandbox.fail(GROUP, "refresh-fails");
        TestStepContext ctx = aws.context();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> refresh.execute(ctx,
                new AsgRefresh.Params(null, null, AwsFixture.POLL, AsgAddress.TARGET)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("ended Failed at 50%")
                .hasMessageContaining("did not pass health checks");
        assertThat(ctx.evidence()).anyMatch(e -> e.kind() == Evidence.Kind.PROVIDER_STATE
                && e.text().contains("Failed"));
    }

    @Test
    void refreshAlreadyRunningNamesTheRunningOne() {
        String running = aws.client.startInstanceRefresh(GROUP);

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> refresh.execute(aws.context(), AsgRefresh.Params.defaults()));

        assertThat(failure).hasMessageContaining("refresh " + running + " is ")
                .hasMessageContaining("cancel-instance-refresh --auto-scaling-group-name " + GROUP);
    }

    @Test
    void deadlineStopsWaitingAndSaysTheRefreshContinues() {
        aws.sandbox.group("asg-staging-slow", 0, 40, 30);

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> refresh.execute(
                aws.context(Duration.ofMillis(400)),
                new AsgRefresh.Params(null, null, AwsFixture.POLL, new AsgAddress("asg-staging-slow", null))));

        assertThat(failure).hasMessageContaining("had not finished by the step deadline")
                .hasMessageContaining("keeps running in AWS");
    }

    private static List<Integer> percentages(List<String> messages) {
        Pattern percent = Pattern.compile("^instance refresh \\w+ (\\d+)%");
        return messages.stream().map(percent::matcher).filter(Matcher::find)
                .map(m -> Integer.parseInt(m.group(1))).toList();
    }
}
