package dev.gpuops.runbook.engine;

import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.StepFailed;
import dev.gpuops.event.StepProgressed;
import dev.gpuops.event.StepStarted;
import dev.gpuops.event.StepSucceeded;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.Template;
import dev.gpuops.runbook.Values;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;

/** Runs one step: its {@code when}, parameter binding, attempts with timeout, and retries with delay. */
final class StepExecutor {

    /**
     * STOPPED: the step did not run because its approval was denied, expired or the run was cancelled meanwhile.
     * NOT_APPLIED: the requested change cannot be made live; FOUND_PROBLEMS: a check did its job and found the target
     * unhealthy. SUSPENDED: gpuops stopped while the step waited for approval; the wait stays on the checkpoint.
     */
    enum Status { SUCCEEDED, SKIPPED, FAILED, CANCELLED, STOPPED, NOT_APPLIED, FOUND_PROBLEMS, SUSPENDED }

    record Outcome(Status status, String error) {
        static final Outcome SUCCEEDED = new Outcome(Status.SUCCEEDED, null);
        static final Outcome SKIPPED = new Outcome(Status.SKIPPED, null);
        static final Outcome CANCELLED = new Outcome(Status.CANCELLED, null);
        static final Outcome STOPPED = new Outcome(Status.STOPPED, null);
        static final Outcome SUSPENDED = new Outcome(Status.SUSPENDED, null);
    }

    private final ActionRegistry registry;
    private final Services services;
    private final Consumer<RunEvent> publisher;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AttemptRunner attempts;
    private final StepApproval approval;
    private final Consumer<RunEvent> announcer;

    /**
     * @param publisher reports events, swallowing failures (the work matters more than the report)
     * @param announcer publishes StepStarted and throws when it could not: a step never starts unrecorded, so a
     *                  restart can tell it was in flight
     */
    StepExecutor(ActionRegistry registry, Services services, Consumer<RunEvent> publisher,
                 Consumer<RunEvent> announcer, Clock clock, Sleeper sleeper, StepApproval approval) {
        this.approval = approval;
        this.registry = registry;
        this.services = services;
        this.publisher = publisher;
        this.announcer = announcer;
        this.clock = clock;
        this.sleeper = sleeper;
        this.attempts = new AttemptRunner();
    }

    Outcome execute(RunbookStep step, RunState state) {
        if (step.when() != null && !Values.truthy(Template.parse(step.when()).render(state::lookup))) {
            state.skipped();
            publisher.accept(new StepSucceeded(Events.newEventId(), clock.instant(), target(state), runId(state),
                    step.id(), Duration.ZERO, "skipped: `when: " + step.when() + "` is false", Map.of()));
            return Outcome.SKIPPED;
        }
        Action<?> action = registry.find(step.action()).orElse(null);
        Record params;
        try {
            if (action == null) {
                throw new IllegalStateException("no action `" + step.action() + "` is registered");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> with = (Map<String, Object>) state.render(step.with());
            params = registry.bind(action, with);
        } catch (RuntimeException e) {
            publisher.accept(started(step, state, 1));
            return fail(step, state, 1, clock.instant(), Redactor.redact(String.valueOf(e.getMessage())), false);
        }
        if (StepApproval.required(step, StepApproval.destructive(action, params), state)) {
            java.util.Optional<String> stop = approval.await(step, action, params, state, s -> context(s, state, 1,
                    clock.instant()));
            if (stop.isPresent() && stop.get() == StepApproval.SUSPENDED) {
                return Outcome.SUSPENDED;
            }
            if (stop.isPresent()) {
                state.control().cancel(stop.get());
                return Outcome.STOPPED;
            }
        }
        return attemptAll(step, state, action, params);
    }

    private Outcome attemptAll(RunbookStep step, RunState state, Action<?> action, Record params) {
        for (int attempt = 1; ; attempt++) {
            Instant start = clock.instant();
            try {
                announcer.accept(started(step, state, attempt));
            } catch (RuntimeException e) {
                return fail(step, state, attempt, start, "not started: gpuops could not record on Kafka that the step"
                        + " was starting (" + Redactor.redact(String.valueOf(e.getMessage())) + "); check the Kafka "
                        + "cluster, then run the command again", false);
            }
            EngineStepContext context = context(step, state, attempt, start);
            AttemptRunner.Result result = attempts.run(action, params, context, step.timeout());
            if (result.value() != null) {
                return succeed(step, state, start, result.value());
            }
            if (result.interrupted()) {
                state.control().cancel("gpuops is shutting down");
                state.interrupted();
            }
            if (state.control().cancelled()) {
                // the action stopped because the run was cancelled: that is not a failure of the step
                return Outcome.CANCELLED;
            }
            if (result.kind() != AttemptRunner.Kind.FAULT) {
                return ended(step, state, start, result);
            }
            boolean retry = result.retryable() && attempt < step.attempts();
            Outcome outcome = fail(step, state, attempt, start, result.error(), retry);
            if (!retry) {
                return outcome;
            }
            if (!pauseBeforeRetry(step.retryDelay(), state)) {
                return Outcome.CANCELLED;
            }
        }
    }

    private EngineStepContext context(RunbookStep step, RunState state, int attempt, Instant start) {
        return new EngineStepContext(state, step.id(), attempt, start.plus(step.timeout()), clock, sleeper, services,
                message -> publisher.accept(new StepProgressed(Events.newEventId(), clock.instant(), target(state),
                        runId(state), step.id(), message)));
    }

    private Outcome succeed(RunbookStep step, RunState state, Instant start, StepResult value) {
        state.recordOutputs(step.id(), value.outputs());
        publisher.accept(new StepSucceeded(Events.newEventId(), clock.instant(), target(state), runId(state),
                step.id(), Duration.between(start, clock.instant()), Redactor.redact(value.summary()),
                redacted(value.outputs())));
        return Outcome.SUCCEEDED;
    }

    /**
     * A check that found problems did its job (StepSucceeded with the finding); a change that cannot apply publishes
     * no failure, the run's NOT_APPLIED says it. Neither is a failed step in the thread.
     */
    private Outcome ended(RunbookStep step, RunState state, Instant start, AttemptRunner.Result result) {
        state.evidence(Evidence.Kind.STEP_ERROR, "step " + step.id() + " (" + step.action() + ")", result.error());
        if (result.kind() == AttemptRunner.Kind.NOT_APPLIED) {
            return new Outcome(Status.NOT_APPLIED, result.error());
        }
        publisher.accept(new StepSucceeded(Events.newEventId(), clock.instant(), target(state), runId(state),
                step.id(), Duration.between(start, clock.instant()), "found problems: " + result.error(), Map.of()));
        return new Outcome(Status.FOUND_PROBLEMS, result.error());
    }

    private Outcome fail(RunbookStep step, RunState state, int attempt, Instant start, String error,
                         boolean willRetry) {
        state.evidence(Evidence.Kind.STEP_ERROR, "step " + step.id() + " (" + step.action() + ") attempt "
                + attempt, error);
        publisher.accept(new StepFailed(Events.newEventId(), clock.instant(), target(state), runId(state),
                step.id(), attempt, Duration.between(start, clock.instant()), error, willRetry));
        return new Outcome(Status.FAILED, error);
    }

    /** @return false when the run was cancelled or interrupted while waiting */
    private boolean pauseBeforeRetry(Duration delay, RunState state) {
        Duration remaining = delay;
        try {
            while (remaining.isPositive() && !state.control().cancelled()) {
                Duration slice = remaining.compareTo(Duration.ofSeconds(1)) > 0 ? Duration.ofSeconds(1) : remaining;
                sleeper.sleep(slice);
                remaining = remaining.minus(slice);
            }
        } catch (InterruptedException e) {
            state.control().cancel("gpuops is shutting down");
            state.interrupted();
        }
        return !state.control().cancelled();
    }

    /** Later steps use the real values; only what leaves the engine is redacted. */
    static Map<String, String> redacted(Map<String, String> values) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        values.forEach((k, v) -> out.put(k, Redactor.redact(v)));
        return out;
    }

    private StepStarted started(RunbookStep step, RunState state, int attempt) {
        return new StepStarted(Events.newEventId(), clock.instant(), target(state), runId(state), step.id(),
                attempt);
    }

    private static String target(RunState state) {
        return state.request().target().name();
    }

    private static String runId(RunState state) {
        return state.request().runId();
    }

    static String timedOut(Duration timeout) {
        return "timed out after " + Durations.format(timeout) + "; if the step legitimately needs longer, raise its "
                + "`timeout:` in the runbook";
    }
}
