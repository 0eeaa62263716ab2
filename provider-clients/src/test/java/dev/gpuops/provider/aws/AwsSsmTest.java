package dev.gpuops.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real SDK v2 SSM client against {@link SandboxAws}: Parameter Store and Run Command over AWS JSON 1.1. */
class AwsSsmTest {

    static {
        LogCapture.quietLibraries();
    }

    static final String GROUP = "asg-staging-gpu-default";
    static final String CANARY = "sEcReT-canary-7f3a91c2e4";

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    SandboxAws sandbox;
    AwsFleetClient aws;

    @BeforeEach
    void start() {
        sandbox = SandboxAws.start(new SettableClock(Instant.parse("2026-11-23T03:00:00Z")), Timing.steps())
                .seedFleet("staging", "gpu-default");
        aws = new AwsFleetClient(AwsConfig.sandbox(sandbox.baseUrl())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), sleeps::add,
                        RandomGenerator.of("L64X128MixRandom")))
                .withInvocationPolls(5, Duration.ofMillis(250)));
    }

    /**
     * Reads the invocation until it is final. The client has no waiter of its own: the runbook action ssm.run waits
     * through the engine's one waiting primitive; the sandbox here moves a command on with each read.
     */
    private CommandInvocation finished(String commandId, String instance) {
        for (int read = 0; read < 50; read++) {
            CommandInvocation now = aws.getCommandInvocation(commandId, instance);
            if (now.status().terminal()) {
                return now;
            }
        }
        throw new AssertionError("command " + commandId + " on " + instance + " never finished");
    }

    @AfterEach
    void stop() {
        aws.close();
        sandbox.close();
    }

    @Test
    void readsAStringParameterWithItsVersion() {
        Parameter bucket = aws.getParameter("/bp/staging/models/bucket", false);

        assertThat(bucket.name()).isEqualTo("/bp/staging/models/bucket");
        assertThat(bucket.type()).isEqualTo(ParameterType.STRING);
        assertThat(bucket.value()).isEqualTo("bp-models-123456789012-staging");
        assertThat(bucket.version()).isEqualTo(1);
    }

    @Test
    void secureStringIsCiphertextUnlessDecrypted() {
        sandbox.parameter("/bp/staging/laravel/app-key", "SecureString", CANARY);

        assertThat(aws.getParameter("/bp/staging/laravel/app-key", false).value()).isNotEqualTo(CANARY);
        Parameter decrypted = aws.getParameter("/bp/staging/laravel/app-key", true);
        assertThat(decrypted.type()).isEqualTo(ParameterType.SECURE_STRING);
        assertThat(decrypted.value()).isEqualTo(CANARY);
        assertThat(decrypted.toString()).doesNotContain(CANARY);
        assertThat(Redactor.redact("value=" + CANARY + " end")).doesNotContain(CANARY);
    }

    @Test
    void missingParameterIsNotFound() {
        assertThatThrownBy(() -> aws.getParameter("/bp/staging/nope", true))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("ParameterNotFound")
                .satisfies(e -> {
                    ProviderException p = (ProviderException) e;
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.requestId()).isPresent();
                });
        assertThat(sleeps).isEmpty();
    }

    @Test
    void putCreatesThenRefusesWithoutOverwriteThenOverwrites() {
        assertThat(aws.putParameter("/bp/staging/new", "one", ParameterType.STRING, false)).isEqualTo(1);

        assertThatThrownBy(() -> aws.putParameter("/bp/staging/new", "two", ParameterType.STRING, false))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("ParameterAlreadyExists")
                .hasMessageContaining("overwrite");
        assertThat(aws.putParameter("/bp/staging/new", "two", ParameterType.STRING, true)).isEqualTo(2);
        assertThat(sandbox.parameterValue("/bp/staging/new")).contains("two");
    }

    @Test
    void runCommandRidesOutInvocationDoesNotExistThenWaitsForSuccess() {
        String instance = aws.describeGroup(GROUP).instances().getFirst().instanceId();

        String commandId = aws.sendCommand(List.of(instance), List.of("echo hello", "echo world"),
                Duration.ofMinutes(2));
        CommandInvocation first = aws.getCommandInvocation(commandId, instance);

        assertThat(sleeps).containsExactly(Duration.ofMillis(250));
        assertThat(first.status()).isEqualTo(CommandStatus.IN_PROGRESS);
        CommandInvocation done = finished(commandId, instance);
        assertThat(done.status()).isEqualTo(CommandStatus.SUCCESS);
        assertThat(done.responseCode()).isZero();
        assertThat(done.standardOutput()).isEqualTo("hello\nworld\n");
    }

    @Test
    void failingCommandReportsFailedWithExitCodeAndStderr() {
        String instance = aws.describeGroup(GROUP).instances().getFirst().instanceId();
        sandbox.onCommand("check-registration", 3, "", "worker not registered\n");

        String commandId = aws.sendCommand(List.of(instance), List.of("check-registration"), Duration.ofSeconds(60));
        CommandInvocation done = finished(commandId, instance);

        assertThat(done.status()).isEqualTo(CommandStatus.FAILED);
        assertThat(done.responseCode()).isEqualTo(3);
        assertThat(done.standardError()).contains("worker not registered");
    }

    @Test
    void invocationStillUnknownAfterTheBoundIsNotFound() {
        assertThatThrownBy(() -> aws.getCommandInvocation("00000000-0000-0000-0000-000000000000", "i-0123456789abcdef0"))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("InvocationDoesNotExist")
                .hasMessageContaining("5 polls");
        assertThat(sleeps).hasSize(4);
    }

    @Test
    void sendCommandToUnknownInstanceIsPermanent() {
        assertThatThrownBy(() -> aws.sendCommand(List.of("i-0000000000000dead"), List.of("true"),
                Duration.ofSeconds(30)))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("InvalidInstanceId");
    }

    @Test
    void workersNotRegisteringShowsInTheRegistrationCheckWhileInstancesStayHealthy() {
        sandbox.fail(GROUP, "workers-not-registering");
        String instance = aws.describeGroup(GROUP).instances().getFirst().instanceId();

        String commandId = aws.sendCommand(List.of(instance),
                List.of("sudo systemctl status comfyui-worker.service --no-pager"), Duration.ofSeconds(60));
        CommandInvocation done = finished(commandId, instance);

        assertThat(aws.describeGroup(GROUP).inServiceHealthy()).isEqualTo(2);
        assertThat(done.status()).isEqualTo(CommandStatus.SUCCESS);
        assertThat(done.standardOutput()).contains("active (running)").contains("registration failed")
                .contains("invalid fleet secret");
    }

    @Test
    void placeholderSecretFaultWritesTheplaceholderAndHealRestoresIt() {
        String real = aws.getParameter("/bp/staging/fleet-secret", true).value();
        sandbox.fail("placeholder-secret");

        Parameter placeholder = aws.getParameter("/bp/staging/fleet-secret", true);
        assertThat(placeholder.value()).isEqualTo("CHANGE_ME");
        assertThat(placeholder.version()).isEqualTo(2);

        sandbox.heal();
        assertThat(aws.getParameter("/bp/staging/fleet-secret", true).value()).isEqualTo(real);
    }

    @Test
    void ssmThrottlingIsRetriedForReadsOnly() {
        sandbox.fail("*", "throttle", 1);
        assertThat(aws.getParameter("/bp/staging/models/bucket", false).version()).isEqualTo(1);
        assertThat(sleeps).hasSize(1);

        sandbox.fail("*", "throttle", 1);
        assertThatThrownBy(() -> aws.putParameter("/bp/staging/x", "v", ParameterType.STRING, false))
                .isInstanceOf(ProviderException.RateLimited.class)
                .hasMessageContaining("ThrottlingException");
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void ssmAuthFailuresAreAuth() {
        sandbox.fail("access-denied");
        assertThatThrownBy(() -> aws.getParameter("/bp/staging/fleet-secret", true))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("AccessDeniedException");
        sandbox.heal();
        sandbox.fail("expired-token");
        assertThatThrownBy(() -> aws.getParameter("/bp/staging/fleet-secret", true))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("ExpiredTokenException");
    }

    @Test
    void secureStringValueNeverReachesLogsOrExceptions() {
        sandbox.parameter("/bp/staging/fleet-secret-secure", "SecureString", CANARY);
        try (LogCapture logs = LogCapture.start()) {
            Parameter p = aws.getParameter("/bp/staging/fleet-secret-secure", true);
            assertThat(p.value()).isEqualTo(CANARY);
            aws.putParameter("/bp/staging/fleet-secret-secure", CANARY + "-v2", ParameterType.SECURE_STRING, true);
            Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> aws.putParameter(
                    "/bp/staging/fleet-secret-secure", CANARY, ParameterType.SECURE_STRING, false));

            assertThat(failure).isInstanceOf(ProviderException.Permanent.class);
            assertThat(stackText(failure)).doesNotContain(CANARY);
            assertThat(p.toString()).doesNotContain(CANARY);
            assertThat(logs.events()).isNotEmpty();
            assertThat(logs.text()).doesNotContain(CANARY);
        }
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
