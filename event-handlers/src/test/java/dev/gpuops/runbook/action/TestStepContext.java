package dev.gpuops.runbook.action;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link StepContext} for action tests: records progress and evidence, pauses for real (tests pass short
 * durations) and checks the deadline like the engine does.
 */
public final class TestStepContext implements StepContext {

    private final Target target;
    private final Services services;
    private final Clock clock;
    private final dev.gpuops.provider.support.Sleeper sleeper;
    private final Instant deadline;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<Evidence> evidence = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    public TestStepContext(Target target, Services services, Duration timeout) {
        this.target = target;
        this.services = services;
        this.clock = Clock.systemUTC();
        this.sleeper = null;
        this.deadline = clock.instant().plus(timeout);
    }

    /** Time is {@code clock}'s: pauses advance it instead of sleeping, as the engine's sleeper does in tests. */
    public TestStepContext(Target target, Services services, Duration timeout, dev.gpuops.sandbox.support.SettableClock clock) {
        this(target, services, timeout, clock, clock::sleep);
    }

    /** Time is {@code clock}'s and pauses go to {@code sleeper}, e.g. one that also moves a simulator's clock. */
    public TestStepContext(Target target, Services services, Duration timeout, Clock clock,
                           dev.gpuops.provider.support.Sleeper sleeper) {
        this.target = target;
        this.services = services;
        this.clock = clock;
        this.sleeper = sleeper;
        this.deadline = clock.instant().plus(timeout);
    }

    public TestStepContext(Target target, Services services) {
        this(target, services, Duration.ofSeconds(30));
    }

    public List<String> progressMessages() {
        return progress;
    }

    public List<Evidence> evidence() {
        return evidence;
    }

    public void cancel() {
        cancelled = true;
    }

    @Override
    public String runId() {
        return "r-test0001";
    }

    @Override
    public String stepId() {
        return "step";
    }

    @Override
    public Target target() {
        return target;
    }

    @Override
    public int attempt() {
        return 1;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public Instant deadline() {
        return deadline;
    }

    @Override
    public void progress(String message) {
        progress.add(message);
    }

    @Override
    public void evidence(Evidence.Kind kind, String source, String text) {
        evidence.add(new Evidence(kind, source, Redactor.redact(text)));
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    @Override
    public boolean pause(Duration duration) throws InterruptedException {
        if (sleeper != null) {
            Duration left = Duration.between(clock.instant(), deadline);
            boolean truncated = duration.compareTo(left) > 0;
            sleeper.sleep(truncated ? (left.isNegative() ? Duration.ZERO : left) : duration);
            return !truncated && !cancelled;
        }
        Instant wakeUp = clock.instant().plus(duration);
        if (wakeUp.isAfter(deadline)) {
            Duration left = Duration.between(clock.instant(), deadline);
            if (!left.isNegative()) {
                Thread.sleep(left);
            }
            return false;
        }
        Thread.sleep(duration);
        return !cancelled;
    }

    @Override
    public <T> T service(Class<T> type) {
        return services.get(type);
    }
}
