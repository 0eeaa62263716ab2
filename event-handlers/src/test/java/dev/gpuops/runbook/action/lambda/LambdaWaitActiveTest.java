package dev.gpuops.runbook.action.lambda;

import static org.assertj.core.api.Assertions.assertThat;
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
import dev.gpuops.sandbox.lambda.SandboxLambda;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaWaitActiveTest {

    private static final String NAME = "image-server-v2";
    private static final Duration POLL = Duration.ofMillis(50);

    private final LambdaWaitActive action = new LambdaWaitActive();
    /** The simulator and every step share it: boots and pauses move it, nothing sleeps for real. */
    private final SettableClock clock = new SettableClock();
    private SandboxLambda sandbox;
    private LambdaCloudClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxLambda.builder().clock(clock).bootDelay(Duration.ofMillis(400)).newInstanceIp("127.0.0.1").start();
        sandbox.addSshKey("intelligensi-lambda", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
        client = new LambdaCloudClient(new LambdaConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()),
                RetryPolicy.none());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    private TestStepContext context(Duration timeout) {
        return new TestStepContext(TestTargets.lambda(NAME, "gpu_1x_a10", "us-east-1", "intelligensi-lambda"),
                new Services().register(LambdaCloudClient.class, client), timeout, clock);
    }

    private String launch() {
        return client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "intelligensi-lambda", NAME)).getFirst();
    }

    @Test
    void waitsUntilActiveWithAnIpAndPostsBootingProgress() throws Exception {
        // the simulator and the step share one settable clock: the VM boots in 2 minutes of it, nothing sleeps
        try (SandboxLambda slow = SandboxLambda.builder().clock(clock).bootDelay(Duration.ofMinutes(2))
                .newInstanceIp("127.0.0.1").start()) {
            slow.addSshKey("intelligensi-lambda", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
            LambdaCloudClient slowClient = new LambdaCloudClient(new LambdaConfig(slow.apiKey())
                    .withApiUrl(slow.baseUrl()), RetryPolicy.none());
            String id = slowClient.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "intelligensi-lambda", NAME))
                    .getFirst();
            TestStepContext ctx = new TestStepContext(TestTargets.lambda(NAME, "gpu_1x_a10", "us-east-1",
                    "intelligensi-lambda"), new Services().register(LambdaCloudClient.class, slowClient),
                    Duration.ofMinutes(15), clock);

            StepResult result = action.execute(ctx, new LambdaWaitActive.Params(id, Duration.ofSeconds(10)));

            assertThat(result.outputs()).containsEntry("ip", "127.0.0.1").containsEntry("instanceId", id);
            assertThat(result.outputs().get("hostname")).endsWith(".cloud.lambdalabs.com");
            assertThat(result.summary()).isEqualTo("active at 127.0.0.1 after 2m");
            assertThat(ctx.progressMessages()).containsExactly("booting (0s)", "booting (30s)", "booting (1m)",
                    "booting (1m30s)");
            assertThat(clock.totalSlept()).isEqualTo(Duration.ofMinutes(2));
        }
    }

    @Test
    void findsTheInstanceByTheTargetsNameWhenNoIdIsGiven() throws Exception {
        String id = launch();
        StepResult result = action.execute(context(Duration.ofSeconds(10)), new LambdaWaitActive.Params(null, POLL));
        assertThat(result.outputs()).containsEntry("instanceId", id);
    }

    @Test
    void failsAtOnceWhenPreempted() {
        sandbox.fail("boot-stuck");
        String id = launch();
        sandbox.preempt(id);
        TestStepContext ctx = context(Duration.ofSeconds(10));

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> action.execute(ctx, new LambdaWaitActive.Params(id, POLL)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.getMessage()).contains("preempted", "lambda.launch");
        assertThat(ctx.evidence()).extracting(Evidence::text).anyMatch(t -> t.contains("status=preempted"));
    }

    @Test
    void failsWhenTheVmComesUpUnhealthy() {
        sandbox.fail("unhealthy");
        String id = launch();
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> action.execute(context(Duration.ofSeconds(10)), new LambdaWaitActive.Params(id, POLL)));
        assertThat(failure.getMessage()).contains("unhealthy", "--force");
    }

    @Test
    void failsWhenTerminatedDuringBoot() {
        sandbox.fail("boot-stuck");
        String id = launch();
        client.terminate(List.of(id));
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> action.execute(context(Duration.ofSeconds(10)), new LambdaWaitActive.Params(id, POLL)));
        assertThat(failure.getMessage()).contains("terminated while booting");
    }

    @Test
    void stuckBootRunsOutOfTimeWithARetryableExplanation() {
        sandbox.fail("boot-stuck");
        String id = launch();
        TestStepContext ctx = context(Duration.ofMillis(300));

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> action.execute(ctx, new LambdaWaitActive.Params(id, POLL)));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("is still booting after", "3–10 minutes");
    }

    @Test
    void noInstanceWithTheNameIsAClearFailure() {
        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> action.execute(context(Duration.ofSeconds(1)), new LambdaWaitActive.Params(null, POLL)));
        assertThat(failure.getMessage()).contains("no live Lambda instance is named " + NAME, "lambda.launch");
    }
}
