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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LambdaWaitActiveTest {

    private static final String NAME = "image-server-v2";
    private static final Duration POLL = Duration.ofMillis(50);

    private final LambdaWaitActive action = new LambdaWaitActive();
    private SandboxLambda sandbox;
    private LambdaCloudClient client;

    @BeforeEach
    void start() {
        sandbox = SandboxLambda.builder().bootDelay(Duration.ofMillis(400)).newInstanceIp("127.0.0.1").start();
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
                new Services().register(LambdaCloudClient.class, client), timeout);
    }

    private String launch() {
        return client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "intelligensi-lambda", NAME)).getFirst();
    }

    @Test
    void waitsUntilActiveWithAnIpAndPostsBootingProgress() throws Exception {
        sandbox.fail("boot-stuck");
        String id = launch();
        TestStepContext ctx = context(Duration.ofSeconds(20));

        try (ExecutorService runner = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<StepResult> waiting = runner.submit(() ->
                    action.execute(ctx, new LambdaWaitActive.Params(id, POLL)));
            awaitProgressLines(ctx, 2);
            assertThat(waiting).isNotDone();
            sandbox.heal("boot-stuck");
            StepResult result = waiting.get(20, TimeUnit.SECONDS);

            assertThat(result.outputs()).containsEntry("ip", "127.0.0.1").containsEntry("instanceId", id);
            assertThat(result.outputs().get("hostname")).endsWith(".cloud.lambdalabs.com");
            assertThat(result.summary()).startsWith("active at 127.0.0.1 after ");
        }
        assertThat(ctx.progressMessages()).hasSizeGreaterThanOrEqualTo(2)
                .allMatch(m -> m.matches("booting \\(\\d+s\\)"));
    }

    /** Waits for the action's own progress, not for wall-clock time, so a slow machine cannot flake this. */
    private static void awaitProgressLines(TestStepContext ctx, int count) throws InterruptedException {
        for (int i = 0; i < 400 && ctx.progressMessages().size() < count; i++) {
            Thread.sleep(50);
        }
        assertThat(ctx.progressMessages()).hasSizeGreaterThanOrEqualTo(count);
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
