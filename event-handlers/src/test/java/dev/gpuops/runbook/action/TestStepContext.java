package dev.gpuops.runbook.action;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.engine.ServicesStepContext;
import dev.gpuops.sandbox.support.SettableClock;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real {@link StepContext} for action tests: records progress and evidence and checks the deadline like the engine
 * does. Time is a {@link SettableClock} unless a test passes its own clock and sleeper: pauses advance it, nothing
 * sleeps for real.
 */
public final class TestStepContext extends ServicesStepContext {

    private final Target target;
    private final Clock clock;
    private final dev.gpuops.provider.support.Sleeper sleeper;
    private final Instant deadline;
    private final List<String> progress = new CopyOnWriteArrayList<>();
    private final List<Evidence> evidence = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    /** Time starts at {@link SettableClock#DEFAULT_START}; pauses advance that clock instead of sleeping. */
    public TestStepContext(Target target, Services services, Duration timeout) {
        this(target, services, timeout, new SettableClock());
    }

    /** Time is {@code clock}'s: pauses advance it instead of sleeping, as the engine's sleeper does in tests. */
    public TestStepContext(Target target, Services services, Duration timeout, SettableClock clock) {
        this(target, services, timeout, clock, clock::sleep);
    }

    /** Time is {@code clock}'s and pauses go to {@code sleeper}, e.g. one that also moves a simulator's clock. */
    public TestStepContext(Target target, Services services, Duration timeout, Clock clock,
                           dev.gpuops.provider.support.Sleeper sleeper) {
        super(services);
        this.target = target;
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

    /** Like the engine: stops at the deadline (false) and after a cancel; time passes through the sleeper. */
    @Override
    public boolean pause(Duration duration) throws InterruptedException {
        Duration left = Duration.between(clock.instant(), deadline);
        boolean truncated = duration.compareTo(left) > 0;
        sleeper.sleep(truncated ? (left.isNegative() ? Duration.ZERO : left) : duration);
        return !truncated && !cancelled;
    }
}
