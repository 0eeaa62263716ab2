package dev.gpuops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.aws.AwsConfig;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.aws.GroupInstance;
import dev.gpuops.provider.aws.GroupState;
import dev.gpuops.provider.lambda.LambdaCloudClient;
import dev.gpuops.provider.lambda.LambdaConfig;
import dev.gpuops.provider.lambda.LaunchRequest;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.provider.vast.VastClient;
import dev.gpuops.provider.vast.VastConfig;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.sandbox.lambda.SandboxLambda;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.sandbox.vast.SandboxVast;
import dev.gpuops.sandbox.vast.VastInstanceSeed;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Lambda, Vast and AWS probes against their simulators: healthy passes, each fault fails, API trouble is unknown. */
class CloudProbesTest {

    private static Target target(String provider, Target.Lambda lambda, Target.Vast vast, Target.Aws aws) {
        return new Target("t-1", provider, "C0ALERTS", null, null, null, null, null, null, null, lambda, null, vast,
                aws, null, null);
    }

    private static CheckResult one(List<CheckResult> results) {
        assertThat(results).hasSize(1);
        return results.getFirst();
    }

    @Test
    void lambdaUnhealthyPreemptedAndMissingInstancesFail() {
        try (SandboxLambda sandbox = SandboxLambda.builder().bootDelay(Duration.ZERO).start()) {
            sandbox.addSshKey("k", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
            LambdaCloudClient client = new LambdaCloudClient(new LambdaConfig(sandbox.apiKey())
                    .withApiUrl(sandbox.baseUrl()), RetryPolicy.none());
            LambdaStatusProbe probe = new LambdaStatusProbe(client);
            CheckDefinition check = new CheckDefinition("lambda-status", "lambda-status", null, null);
            Target target = target("lambda", new Target.Lambda("image-server", "gpu_1x_a10", "us-east-1", "k"),
                    null, null);

            assertThat(one(probe.run(check, target)).evidence()).isEqualTo("no Lambda instance named image-server");
            String id = client.launch(LaunchRequest.one("us-east-1", "gpu_1x_a10", "k", "image-server")).getFirst();
            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.OK);

            sandbox.markUnhealthy(id);
            CheckResult unhealthy = one(probe.run(check, target));
            assertThat(unhealthy.isFailing()).isTrue();
            assertThat(unhealthy.evidence()).contains("unhealthy");
            sandbox.preempt(id);
            assertThat(one(probe.run(check, target)).evidence()).contains("preempted");

            sandbox.failNext("server-error", 1);
            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.UNKNOWN);
        }
    }

    @Test
    void vastOfflineAndExitedFail() {
        try (SandboxVast sandbox = SandboxVast.start()) {
            long id = sandbox.addInstance(VastInstanceSeed.running("huihuang-gpu").withProxySsh("127.0.0.1", 2222));
            VastClient client = new VastClient(new VastConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()),
                    RetryPolicy.none());
            VastStatusProbe probe = new VastStatusProbe(client);
            CheckDefinition check = new CheckDefinition("vast-status", "vast-status", null, null);
            Target target = target("vast", null, new Target.Vast(id), null);

            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.OK);
            sandbox.fail(id, "offline");
            CheckResult offline = one(probe.run(check, target));
            assertThat(offline.isFailing()).isTrue();
            assertThat(offline.evidence()).contains("offline");
            sandbox.heal(id);
            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.OK);
            sandbox.fail(id, "exited");
            assertThat(one(probe.run(check, target)).isFailing()).isTrue();
        }
    }

    @Test
    void asgFailedRefreshFailsAndThrottlingIsUnknown() {
        SettableClock clock = new SettableClock(Instant.parse("2026-12-06T03:00:00Z"));
        try (SandboxAws sandbox = SandboxAws.start(clock, Timing.steps()).seedFleet("staging", "gpu-default");
             AwsFleetClient aws = new AwsFleetClient(AwsConfig.sandbox(sandbox.baseUrl())
                     .withRetry(RetryPolicy.none()))) {
            String group = "asg-staging-gpu-default";
            AsgProbe probe = new AsgProbe(aws);
            CheckDefinition check = new CheckDefinition("asg-capacity", "asg-capacity", null, null);
            Target target = target("aws-asg", null, null, new Target.Aws("us-east-1", group, null));

            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.OK);
            sandbox.fail(group, "refresh-fails");
            aws.startInstanceRefresh(group, 90, Duration.ofSeconds(300));
            clock.advance(Duration.ofSeconds(5));
            CheckResult refresh = one(probe.run(check, target));
            assertThat(refresh.isFailing()).isTrue();
            assertThat(refresh.evidence()).contains("instance refresh");
            sandbox.heal();
            sandbox.fail("throttle");
            assertThat(one(probe.run(check, target)).status()).isEqualTo(CheckResult.Status.UNKNOWN);
        }
    }

    @Test
    void asgBelowDesiredOrUnhealthyFails() {
        GroupState state = new GroupState("asg-prod", 0, 4, 3, List.of(
                new GroupInstance("i-1", "g5.xlarge", "us-east-1a", "InService", "Healthy"),
                new GroupInstance("i-2", "g5.xlarge", "us-east-1a", "InService", "Unhealthy"),
                new GroupInstance("i-3", "g5.xlarge", "us-east-1b", "Pending", "Healthy")));
        CheckResult result = AsgProbe.judge("asg-capacity", state, List.of());
        assertThat(result.isFailing()).isTrue();
        assertThat(result.evidence()).isEqualTo("asg-prod: 1/3 instances InService and healthy; Unhealthy: i-2");
    }
}
