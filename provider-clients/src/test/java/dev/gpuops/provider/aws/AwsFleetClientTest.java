package dev.gpuops.provider.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.support.ProviderException;
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

/** The real SDK v2 clients against {@link SandboxAws}: Auto Scaling over the Query protocol. */
class AwsFleetClientTest {

    static {
        LogCapture.quietLibraries();
    }

    static final String GROUP = "asg-staging-gpu-default";

    final SettableClock clock = new SettableClock(Instant.parse("2026-11-23T03:00:00Z"));
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    SandboxAws sandbox;
    AwsFleetClient aws;

    @BeforeEach
    void start() {
        sandbox = SandboxAws.start(clock, Timing.steps()).seedFleet("staging", "gpu-default");
        aws = new AwsFleetClient(AwsConfig.sandbox(sandbox.baseUrl())
                .withRetry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), sleeps::add,
                        RandomGenerator.of("L64X128MixRandom"))));
    }

    @AfterEach
    void stop() {
        aws.close();
        sandbox.close();
    }

    @Test
    void describesGroupWithCapacityAndHealthyInstances() {
        GroupState group = aws.describeGroup(GROUP);

        assertThat(group.name()).isEqualTo(GROUP);
        assertThat(group.minSize()).isZero();
        assertThat(group.maxSize()).isEqualTo(4);
        assertThat(group.desiredCapacity()).isEqualTo(2);
        assertThat(group.instances()).hasSize(2).allSatisfy(i -> {
            assertThat(i.instanceId()).startsWith("i-");
            assertThat(i.lifecycleState()).isEqualTo("InService");
            assertThat(i.healthStatus()).isEqualTo("Healthy");
            assertThat(i.availabilityZone()).startsWith("us-east-1");
        });
        assertThat(group.settled()).isTrue();
    }

    @Test
    void unknownGroupIsNotFound() {
        assertThatThrownBy(() -> aws.describeGroup("asg-nope"))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("asg-nope not found");
    }

    @Test
    void scalingUpLaunchesPendingInstancesThatComeInService() {
        aws.setDesiredCapacity(GROUP, 4, false);

        GroupState launching = aws.describeGroup(GROUP);
        assertThat(launching.desiredCapacity()).isEqualTo(4);
        assertThat(launching.instances()).extracting(GroupInstance::lifecycleState)
                .containsExactlyInAnyOrder("InService", "InService", "Pending", "Pending");
        assertThat(launching.settled()).isFalse();

        clock.advance(Duration.ofSeconds(2));
        assertThat(aws.describeGroup(GROUP).settled()).isTrue();
    }

    @Test
    void scalingDownTerminatesInstances() {
        aws.setDesiredCapacity(GROUP, 0, false);

        assertThat(aws.describeGroup(GROUP).instances()).extracting(GroupInstance::lifecycleState)
                .containsOnly("Terminating");
        clock.advance(Duration.ofSeconds(2));
        assertThat(aws.describeGroup(GROUP).instances()).isEmpty();
    }

    @Test
    void desiredAboveMaxIsAPermanentValidationError() {
        assertThatThrownBy(() -> aws.setDesiredCapacity(GROUP, 9, false))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("ValidationError")
                .hasMessageContaining("above max value 4")
                .satisfies(e -> {
                    ProviderException p = (ProviderException) e;
                    assertThat(p.provider()).isEqualTo("aws");
                    assertThat(p.status()).isEqualTo(400);
                    assertThat(p.requestId()).isPresent();
                });
    }

    @Test
    void honouringCooldownRightAfterAChangeIsTransientAndRetried() {
        aws.setDesiredCapacity(GROUP, 3, false);

        assertThatThrownBy(() -> aws.setDesiredCapacity(GROUP, 4, true))
                .isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("ScalingActivityInProgress");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void updateGroupChangesBoundsAndDesired() {
        aws.updateGroup(GROUP, 1, 6, 5);

        GroupState group = aws.describeGroup(GROUP);
        assertThat(group.minSize()).isEqualTo(1);
        assertThat(group.maxSize()).isEqualTo(6);
        assertThat(group.desiredCapacity()).isEqualTo(5);
    }

    @Test
    void instanceRefreshProgressesFromPendingToSuccessful() {
        String id = aws.startInstanceRefresh(GROUP);

        InstanceRefresh pending = aws.instanceRefresh(GROUP, id);
        assertThat(pending.status()).isEqualTo(RefreshStatus.PENDING);
        assertThat(pending.instancesToUpdate()).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(aws.instanceRefresh(GROUP, id).status()).isEqualTo(RefreshStatus.IN_PROGRESS);
        clock.advance(Duration.ofSeconds(1));
        InstanceRefresh half = aws.instanceRefresh(GROUP, id);
        assertThat(half.status()).isEqualTo(RefreshStatus.IN_PROGRESS);
        assertThat(half.percentageComplete()).isEqualTo(50);
        assertThat(half.instancesToUpdate()).isEqualTo(1);

        clock.advance(Duration.ofSeconds(1));
        InstanceRefresh done = aws.instanceRefresh(GROUP, id);
        assertThat(done.status()).isEqualTo(RefreshStatus.SUCCESSFUL);
        assertThat(done.percentageComplete()).isEqualTo(100);
        assertThat(done.endTime()).isNotNull();
        assertThat(done.startTime()).isEqualTo(Instant.parse("2026-11-23T03:00:00Z"));
    }

    @Test
    void failingRefreshEndsFailedWithStatusReason() {
        sandbox.fail(GROUP, "refresh-fails");
        String id = aws.startInstanceRefresh(GROUP, 90, Duration.ofSeconds(300));

        clock.advance(Duration.ofSeconds(5));
        InstanceRefresh failed = aws.instanceRefresh(GROUP, id);

        assertThat(failed.status()).isEqualTo(RefreshStatus.FAILED);
        assertThat(failed.status().unsuccessful()).isTrue();
        assertThat(failed.statusReason()).contains("did not pass health checks");
        assertThat(failed.percentageComplete()).isEqualTo(50);
    }

    @Test
    void secondRefreshWhileOneRunsIsPermanentWithAClearMessage() {
        aws.startInstanceRefresh(GROUP);

        assertThatThrownBy(() -> aws.startInstanceRefresh(GROUP))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("InstanceRefreshInProgress")
                .hasMessageContaining("cancel-instance-refresh");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void cancellingARefreshEndsCancelledAndCancellingNothingIsNotFound() {
        String id = aws.startInstanceRefresh(GROUP);

        assertThat(aws.cancelInstanceRefresh(GROUP)).isEqualTo(id);
        assertThat(aws.instanceRefresh(GROUP, id).status()).isEqualTo(RefreshStatus.CANCELLING);
        clock.advance(Duration.ofSeconds(1));
        assertThat(aws.instanceRefresh(GROUP, id).status()).isEqualTo(RefreshStatus.CANCELLED);

        assertThatThrownBy(() -> aws.cancelInstanceRefresh(GROUP))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("ActiveInstanceRefreshNotFound");
    }

    @Test
    void describeRefreshesListsMostRecentFirst() {
        String first = aws.startInstanceRefresh(GROUP);
        clock.advance(Duration.ofSeconds(10));
        String second = aws.startInstanceRefresh(GROUP);

        assertThat(aws.describeInstanceRefreshes(GROUP, null)).extracting(InstanceRefresh::id)
                .containsExactly(second, first);
    }

    @Test
    void throttlingIsRetriedWithBackoffThenSucceeds() {
        sandbox.fail("*", "throttle", 2);

        assertThat(aws.describeGroup(GROUP).desiredCapacity()).isEqualTo(2);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void persistentThrottlingBecomesRateLimited() {
        sandbox.fail("throttle");

        assertThatThrownBy(() -> aws.describeGroup(GROUP))
                .isInstanceOf(ProviderException.RateLimited.class)
                .hasMessageContaining("Throttling");
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void startingARefreshIsNeverRetried() {
        sandbox.fail("throttle");

        assertThatThrownBy(() -> aws.startInstanceRefresh(GROUP)).isInstanceOf(ProviderException.RateLimited.class);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void accessDeniedAndExpiredTokensAreAuthFailures() {
        sandbox.fail("access-denied");
        assertThatThrownBy(() -> aws.describeGroup(GROUP))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("AccessDenied")
                .hasMessageContaining("IAM");
        sandbox.heal();

        sandbox.fail("expired-token");
        assertThatThrownBy(() -> aws.setDesiredCapacity(GROUP, 1, false))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("ExpiredToken");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void unreachableEndpointIsTransient() {
        int port = sandbox.baseUrl().getPort();
        sandbox.close();
        try (AwsFleetClient dead = new AwsFleetClient(AwsConfig.sandbox(java.net.URI.create("http://127.0.0.1:" + port))
                .withRetry(RetryPolicy.none()))) {
            assertThatThrownBy(() -> dead.describeGroup(GROUP))
                    .isInstanceOf(ProviderException.Transient.class)
                    .hasMessageContaining("could not connect")
                    .satisfies(e -> assertThat(((ProviderException) e).status()).isZero());
        }
    }

    @Test
    void inRegionReturnsACachedSiblingForOtherRegions() {
        assertThat(aws.inRegion(null)).isSameAs(aws);
        assertThat(aws.inRegion("us-east-1")).isSameAs(aws);
        AwsFleetClient west = aws.inRegion("us-west-2");
        assertThat(west).isNotSameAs(aws).isSameAs(aws.inRegion("us-west-2"));
        assertThat(west.config().region()).isEqualTo("us-west-2");
        assertThat(west.describeGroup(GROUP).name()).isEqualTo(GROUP);
    }
}
