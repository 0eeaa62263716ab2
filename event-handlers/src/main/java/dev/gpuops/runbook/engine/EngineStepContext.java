package dev.gpuops.runbook.engine;

import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.target.Target;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/** The engine's {@link StepContext}: one per attempt of one step. */
final class EngineStepContext extends ServicesStepContext {

    /** Pauses wake at least this often to notice a cancellation. */
    private static final Duration SLICE = Duration.ofSeconds(1);

    private final RunState state;
    private final String stepId;
    private final int attempt;
    private final Instant deadline;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Consumer<String> progress;

    EngineStepContext(RunState state, String stepId, int attempt, Instant deadline, Clock clock, Sleeper sleeper,
                      Services services, Consumer<String> progress) {
        super(services);
        this.state = state;
        this.stepId = stepId;
        this.attempt = attempt;
        this.deadline = deadline;
        this.clock = clock;
        this.sleeper = sleeper;
        this.progress = progress;
    }

    @Override
    public String runId() {
        return state.request().runId();
    }

    @Override
    public String stepId() {
        return stepId;
    }

    @Override
    public Target target() {
        return state.request().target();
    }

    @Override
    public int attempt() {
        return attempt;
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
        progress.accept(Redactor.redact(message));
    }

    @Override
    public void evidence(Evidence.Kind kind, String source, String text) {
        state.evidence(kind, source, text);
    }

    @Override
    public boolean cancelled() {
        return state.control().cancelled();
    }

    @Override
    public boolean pause(Duration duration) throws InterruptedException {
        Duration untilDeadline = Duration.between(clock.instant(), deadline);
        boolean truncated = duration.compareTo(untilDeadline) > 0;
        Duration remaining = truncated ? untilDeadline : duration;
        while (remaining.isPositive() && !cancelled()) {
            Duration slice = remaining.compareTo(SLICE) > 0 ? SLICE : remaining;
            sleeper.sleep(slice);
            remaining = remaining.minus(slice);
        }
        return !truncated && !cancelled();
    }
}
