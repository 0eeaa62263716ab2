package dev.gpuops.provider.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.lambda.SandboxLambda;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key must not surface anywhere an engineer or Slack could read it, on success or on any failure. */
class LambdaSecretHygieneTest {

    private static final String CANARY = "canary-lambda-7f1e0c4b9a2d";

    @Test
    void canaryKeyNeverAppearsInExceptionsToStringsOrLogs() {
        List<String> seen = new ArrayList<>();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (LogCapture logs = new LogCapture();
             SandboxLambda sandbox = SandboxLambda.builder().apiKey(CANARY).bootDelay(Duration.ZERO)
                     .slowDelay(Duration.ofSeconds(2)).start()) {
            sandbox.addSshKey("k", "ssh-ed25519 AAAA k");
            LambdaConfig config = new LambdaConfig(CANARY).withApiUrl(sandbox.baseUrl());
            LambdaCloudClient client = new LambdaCloudClient(config, sleeper.policy().withMaxAttempts(2));
            seen.add(config.toString());
            seen.add(client.toString());

            String id = client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "canary-box")).getFirst();
            seen.add(client.getInstance(id).toString());
            seen.add(client.listInstances().toString());

            seen.add(failure(() -> client.getInstance("0000dead")));
            seen.add(failure(() -> client.launch(LaunchRequest.one("us-tx-1", "gpu_1x_a10", "k", "x"))));
            sandbox.fail("server-error");
            seen.add(failure(client::listInstances));
            sandbox.heal();
            sandbox.fail("slow");
            LambdaCloudClient impatient = new LambdaCloudClient(
                    config.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)), sleeper.policy());
            seen.add(failure(impatient::listInstances));
            sandbox.heal();
            LambdaCloudClient wrongUrl = new LambdaCloudClient(config.withApiUrl("http://127.0.0.1:1/api/v1"),
                    sleeper.policy().withMaxAttempts(1));
            seen.add(failure(wrongUrl::listInstances));

            try (SandboxLambda other = SandboxLambda.builder().apiKey("some-other-key").start()) {
                seen.add(failure(new LambdaCloudClient(config.withApiUrl(other.baseUrl()),
                        sleeper.policy())::listInstances));
            }
            seen.addAll(logs.lines());
        }
        assertThat(seen).hasSizeGreaterThan(8);
        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
    }

    /** The message of the failure and of every cause, as a log line with a stack trace would show them. */
    private static String failure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            StringBuilder all = new StringBuilder();
            for (Throwable t = e; t != null; t = t.getCause()) {
                all.append(t).append(" | ");
            }
            return all.toString();
        }
        throw new AssertionError("expected a failure");
    }
}
