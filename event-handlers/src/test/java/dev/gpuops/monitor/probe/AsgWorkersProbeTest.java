package dev.gpuops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.aws.AwsConfig;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Seed 004's "workers not registering", seen through SSM on the AWS simulator, with its grace on a settable clock. */
class AsgWorkersProbeTest {

    private static final String GROUP = "asg-staging-gpu-default";
    private static final CheckDefinition CHECK = new CheckDefinition("asg-workers", "asg-workers", null, null);

    private static Target target(Target.Aws.Workers workers) {
        return new Target("comfy-fleet", "aws-asg", "C0ALERTS", null, null, null, null, null, null, null, null, null,
                null, new Target.Aws("us-east-1", GROUP, "/bp/staging", workers), null, null);
    }

    private static Target.Aws.Workers workers(Integer minRegistered) {
        return new Target.Aws.Workers("systemctl status comfyui-worker.service --no-pager",
                "registered with backend", minRegistered, Duration.ofMinutes(10));
    }

    private static CheckResult one(List<CheckResult> results) {
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    @Test
    void fewerRegisteredThanInServiceFailsOnlyAfterTheGrace() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-06T03:00:00Z"));
        try (SandboxAws sandbox = SandboxAws.start(clock, Timing.steps()).seedFleet("staging", "gpu-default");
             AwsFleetClient aws = new AwsFleetClient(AwsConfig.sandbox(sandbox.baseUrl())
                     .withRetry(RetryPolicy.none()).withSleeper(d -> { }))) {
            clock.advance(Duration.ofMinutes(5));
            AsgWorkersProbe probe = new AsgWorkersProbe(aws, clock, Duration.ofSeconds(30));
            CheckResult healthy = one(probe.run(CHECK, target(workers(null))));
            assertThat(healthy.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(healthy.evidence()).isEqualTo("2/2 InService workers registered");

            sandbox.fail("workers-not-registering");
            CheckResult booting = one(probe.run(CHECK, target(workers(null))));
            assertThat(booting.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(booting.evidence()).startsWith("0/2 InService workers registered (need 2); not registered: i-")
                    .contains("registration failed: POST /api/worker/register returned 401")
                    .endsWith("within the 10m grace for booting workers");

            clock.advance(Duration.ofMinutes(11));
            CheckResult failing = one(probe.run(CHECK, target(workers(null))));
            assertThat(failing.status()).isEqualTo(CheckResult.Status.FAILING);
            assertThat(failing.evidence()).startsWith("workers not registering for 11m: 0/2 InService workers"
                    + " registered (need 2)");
            assertThat(one(probe.run(CHECK, target(workers(0)))).status()).isEqualTo(CheckResult.Status.OK);

            sandbox.heal();
            assertThat(one(probe.run(CHECK, target(workers(null)))).status()).isEqualTo(CheckResult.Status.OK);
            sandbox.fail("throttle");
            assertThat(one(probe.run(CHECK, target(workers(null)))).status()).isEqualTo(CheckResult.Status.UNKNOWN);
        }
    }

    @Test
    void withoutAwsWorkersRegistrationIsNotWatched() {
        CheckResult result = one(new AsgWorkersProbe(null, java.time.Clock.systemUTC(), Duration.ofSeconds(5))
                .run(CHECK, target(null)));
        assertThat(result.status()).isEqualTo(CheckResult.Status.OK);
        assertThat(result.evidence()).startsWith("no aws.workers configured");
    }
}
