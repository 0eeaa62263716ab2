package dev.gpuops.runbook.action.aws;

import dev.gpuops.provider.aws.AwsConfig;
import dev.gpuops.provider.aws.AwsFleetClient;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.aws.SandboxAws;
import dev.gpuops.sandbox.aws.Timing;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.random.RandomGenerator;

/** A seed 004 staging fleet in {@link SandboxAws} with a real {@link AwsFleetClient} wired as a service. */
final class AwsFixture implements AutoCloseable {

    static final String GROUP = "asg-staging-gpu-default";
    static final Duration POLL = Duration.ofMillis(20);

    final SandboxAws sandbox;
    final AwsFleetClient client;
    /** The clock {@link #context(Duration)} steps run on: the simulator's when it is settable. */
    private final SettableClock stepClock;

    static {
        // the SDK logs every request at DEBUG; keep test output readable
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("software.amazon.awssdk"))
                .setLevel(ch.qos.logback.classic.Level.INFO);
    }

    /** 100 ms launches and refresh steps on a settable clock the steps' pauses advance: nothing sleeps. */
    AwsFixture() {
        this(new SettableClock(), Timing.of(Duration.ofMillis(100), Duration.ofMillis(100)));
    }

    /** A simulator on a clock the test (or the step's pauses, see {@link #context(SettableClock)}) moves. */
    AwsFixture(Clock clock, Timing timing) {
        sandbox = SandboxAws.start(clock, timing).seedFleet("staging", "gpu-default");
        stepClock = clock instanceof SettableClock settable ? settable : new SettableClock();
        client = new AwsFleetClient(AwsConfig.sandbox(sandbox.baseUrl())
                .withRetry(new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5), d -> { },
                        RandomGenerator.of("L64X128MixRandom")))
                .withInvocationPolls(5, Duration.ofMillis(10)));
    }

    static Target target() {
        return new Target("gpu-fleet-staging", "aws", "#gpu-ops", Target.Environment.STAGING, null, null, null, null,
                null, null, null, null, null, new Target.Aws("us-east-1", GROUP, "/bp/staging"), null, Map.of());
    }

    TestStepContext context() {
        return context(Duration.ofSeconds(20));
    }

    TestStepContext context(Duration timeout) {
        return new TestStepContext(target(), new Services().register(AwsFleetClient.class, client), timeout,
                stepClock);
    }

    /** A step on the simulator's clock: each pause advances it, so nothing sleeps and every state is seen. */
    TestStepContext context(SettableClock clock) {
        return new TestStepContext(target(), new Services().register(AwsFleetClient.class, client),
                Duration.ofMinutes(30), clock, clock::advance);
    }

    @Override
    public void close() {
        client.close();
        sandbox.close();
    }
}
