package dev.gpuops.provider.vast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.lambda.LogCapture;
import dev.gpuops.provider.lambda.RecordingSleeper;
import dev.gpuops.sandbox.vast.SandboxVast;
import dev.gpuops.sandbox.vast.VastInstanceSeed;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The key must not surface anywhere an engineer or Slack could read it, on success or on any failure. */
class VastSecretHygieneTest {

    private static final String CANARY = "canary-vast-3b8d51e0f29c";

    @Test
    void canaryKeyNeverAppearsInExceptionsToStringsOrLogs() {
        List<String> seen = new ArrayList<>();
        RecordingSleeper sleeper = new RecordingSleeper();
        try (LogCapture logs = new LogCapture();
             SandboxVast sandbox = SandboxVast.builder().apiKey(CANARY).loadDelay(Duration.ZERO)
                     .rebootDelay(Duration.ZERO).slowDelay(Duration.ofSeconds(2)).start()) {
            long id = sandbox.addInstance(VastInstanceSeed.running("canary-box"));
            VastConfig config = new VastConfig(CANARY).withApiUrl(sandbox.baseUrl());
            VastClient client = new VastClient(config, sleeper.policy());
            seen.add(config.toString());
            seen.add(client.toString());

            VastInstance instance = client.getInstance(id);
            seen.add(instance.toString());
            seen.add(client.resolveSsh(instance).toString());
            client.reboot(id);
            client.stop(id);
            seen.add(failure(() -> client.reboot(id)));
            seen.add(failure(() -> client.getInstance(424242)));
            sandbox.fail("rate-limit");
            seen.add(failure(client::listInstances));
            sandbox.heal();
            sandbox.fail("bad-gateway");
            seen.add(failure(() -> client.destroy(id)));
            sandbox.heal();
            sandbox.fail("slow");
            VastClient impatient = new VastClient(config.withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(300)),
                    sleeper.policy().withMaxAttempts(1));
            seen.add(failure(impatient::listInstances));
            sandbox.heal();
            try (SandboxVast other = SandboxVast.builder().apiKey("some-other-key").start()) {
                seen.add(failure(new VastClient(config.withApiUrl(other.baseUrl()), sleeper.policy())::listInstances));
            }
            seen.addAll(logs.lines());
        }
        assertThat(seen).hasSizeGreaterThan(8);
        assertThat(seen).allSatisfy(text -> assertThat(text).doesNotContain(CANARY));
    }

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
