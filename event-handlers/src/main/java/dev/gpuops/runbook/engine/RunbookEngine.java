package dev.gpuops.runbook.engine;

import dev.gpuops.access.AccessControl;
import dev.gpuops.target.AccessPolicies;
import dev.gpuops.access.GroupDirectory;
import dev.gpuops.event.Events;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.RunPlanned;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.StepPlan;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Executes a runbook's steps in order on one target and reports every transition as a run event: RunStarted (with
 * the whole checklist), StepStarted/Progressed/Succeeded/Failed, FailureDiagnosed when a failure ends the run, and
 * RunFinished. Every text that reaches an event passes through {@link Redactor}.
 */
public final class RunbookEngine {

    private static final Logger LOG = LoggerFactory.getLogger(RunbookEngine.class);

    private final ActionRegistry registry;
    private final RunEventSink sink;
    private final FailureAnalyzer analyzer;
    private final Clock clock;
    private final StepExecutor steps;
    private final RunPlanner planner;

    public RunbookEngine(ActionRegistry registry, Services services, RunEventSink sink, FailureAnalyzer analyzer,
                         Clock clock, Sleeper sleeper) {
        this(registry, services, sink, analyzer, clock, sleeper, new ApprovalGate(),
                new AccessControl(AccessPolicies.NONE, GroupDirectory.NONE));
    }

    /**
     * @param approvals where runs wait for a second person; the command dispatcher decides them
     * @param access    who may approve, and the approval timeout, per target
     */
    public RunbookEngine(ActionRegistry registry, Services services, RunEventSink sink, FailureAnalyzer analyzer,
                         Clock clock, Sleeper sleeper, ApprovalGate approvals, AccessControl access) {
        this.registry = registry;
        this.sink = sink;
        this.analyzer = analyzer == null ? FailureAnalyzer.NONE : analyzer;
        this.clock = clock;
        this.steps = new StepExecutor(registry, services, this::publishQuietly, sink::publish, clock, sleeper,
                new StepApproval(approvals, access, this::publishQuietly, clock));
        this.planner = new RunPlanner(registry, services, clock, sleeper);
    }

    /**
     * Runs to the end, cancellation or first stopping failure. Blocks the calling thread for the whole run.
     *
     * @return how the run finished, or null when it was suspended ({@link RunControl#suspend()}) and stays
     *         recoverable from its checkpoint without a RunFinished
     * @throws RuntimeException only when RunStarted itself cannot be published (then no step has run)
     */
    public RunFinished run(RunRequest request, RunControl control) {
        // the run owns this thread until it ends: every log line of it carries the run id and target
        try (var runId = MDC.putCloseable("runId", request.runId());
             var target = MDC.putCloseable("target", request.target().name())) {
            return runToEnd(request, control);
        }
    }

    private RunFinished runToEnd(RunRequest request, RunControl control) {
        Instant started = clock.instant();
        Optional<String> rejection = RunAdmission.rejection(request, registry);
        if (rejection.isPresent()) {
            return finish(request, started, RunOutcome.REJECTED, rejection.get());
        }
        Map<String, String> inputs = RunAdmission.inputs(request);
        if (RunPlanner.wanted(request)) {
            RunPlanned planned = planner.plan(new RunState(request, inputs, control));
            sink.publish(planned);
            return finish(request, started, RunOutcome.SUCCEEDED, "dry run: " + planned.steps().size()
                    + " steps planned, nothing was run");
        }
        RunState state = new RunState(request, inputs, control);
        sink.publish(new RunStarted(Events.newEventId(), started, request.target().name(), request.runId(),
                request.verb(), request.runbook().name(), Redactor.redact(request.description()),
                StepExecutor.redacted(inputs), plan(state),
                request.origin()));
        return execute(state, started, 0);
    }

    /**
     * Continues a run that a previous gpuops process started: announces the resumption on the step it restarts
     * from (a StepProgressed the thread shows), restores the outputs of the steps already done and runs the rest.
     *
     * @return as {@link #run}
     */
    public RunFinished resume(RunRequest request, RunControl control, Resumption from) {
        Instant started = clock.instant();
        List<RunbookStep> all = request.runbook().steps();
        int index = 0;
        while (index < all.size() && !all.get(index).id().equals(from.stepId())) {
            index++;
        }
        RunState state = new RunState(request, RunAdmission.inputs(request), control);
        from.outputs().forEach(state::recordOutputs);
        state.resumedApproval(from.approval());
        if (index < all.size()) {
            publishQuietly(new dev.gpuops.event.StepProgressed(Events.newEventId(), started,
                    request.target().name(), request.runId(), from.stepId(), Redactor.redact(from.note())));
        }
        return execute(state, started, index);
    }

    private RunFinished execute(RunState state, Instant started, int from) {
        RunFinished finished = steps(state, started, from);
        if (state.wasInterrupted()) {
            Thread.currentThread().interrupt();
        }
        return finished;
    }

    private RunFinished steps(RunState state, Instant started, int from) {
        RunRequest request = state.request();
        List<RunbookStep> all = request.runbook().steps();
        for (RunbookStep step : all.subList(from, all.size())) {
            if (state.control().suspended()) {
                LOG.info("run {} suspended before step {}; the next owner of {} resumes it", request.runId(),
                        step.id(), request.target().name());
                return null;
            }
            if (state.control().cancelled()) {
                return cancelled(state, started, "before step `" + step.id() + "`");
            }
            StepExecutor.Outcome outcome = steps.execute(step, state);
            switch (outcome.status()) {
                case SUCCEEDED, SKIPPED -> {
                }
                case CANCELLED -> {
                    if (state.control().suspended()) {
                        return stoppedInStep(request, started, step);
                    }
                    return cancelled(state, started, "at step `" + step.id() + "`");
                }
                case NOT_APPLIED -> {
                    return finish(request, started, RunOutcome.NOT_APPLIED, outcome.error()
                            + RunLeftovers.lines(state));
                }
                case FOUND_PROBLEMS -> {
                    diagnose(state, step, outcome.error());
                    return finish(request, started, RunOutcome.FOUND_PROBLEMS, RunLeftovers.finding(state));
                }
                case SUSPENDED -> {
                    LOG.info("run {} suspended while step {} waited for approval; the next owner of {} keeps it "
                            + "waiting", request.runId(), step.id(), request.target().name());
                    return null;
                }
                case STOPPED -> {
                    return finish(request, started, RunOutcome.CANCELLED, "cancelled before step `" + step.id()
                            + "`: " + state.control().reason());
                }
                case FAILED -> {
                    if (step.onFailure() == dev.gpuops.runbook.OnFailure.CONTINUE) {
                        state.continuedAfterFailure(step.id(), outcome.error());
                    } else {
                        diagnose(state, step, outcome.error());
                        return finish(request, started, RunOutcome.FAILED, "step `" + step.id() + "` ("
                                + step.action() + ") failed: " + outcome.error() + RunLeftovers.lines(state));
                    }
                }
            }
        }
        return finish(request, started, RunOutcome.SUCCEEDED, successSummary(state, all.size()));
    }

    /** "cancelled by alice at step `health`", then what the run created and left running. Never diagnosed. */
    private RunFinished cancelled(RunState state, Instant started, String where) {
        String reason = state.control().reason();
        return finish(state.request(), started, RunOutcome.CANCELLED, (reason.isBlank() ? "cancelled" : reason)
                + " " + where + RunLeftovers.lines(state));
    }

    /**
     * Shutdown outlasted the grace period in the middle of a step. A step safe to repeat stays "in flight" in the
     * checkpoint and the next owner runs it again; any other step is never repeated, so the run ends INTERRUPTED.
     */
    private RunFinished stoppedInStep(RunRequest request, Instant started, RunbookStep step) {
        boolean repeatable = registry.find(step.action()).map(Action::idempotent).orElse(false);
        if (repeatable) {
            LOG.info("run {} stopped in idempotent step {}; the next owner of {} runs it again", request.runId(),
                    step.id(), request.target().name());
            return null;
        }
        return finish(request, started, RunOutcome.INTERRUPTED, Interruptions.summary(step.id(), step.action(),
                request.target().name(), "gpuops shut down"));
    }

    private void diagnose(RunState state, RunbookStep step, String error) {
        RunRequest request = state.request();
        FailedRun failure = new FailedRun(request.runId(), request.target(), request.verb(),
                request.runbook().name(), step.id(), step.action(), error, state.evidence(), state.inputs(),
                state.outputs(), clock.instant());
        try {
            analyzer.analyze(failure).ifPresent(this::publishQuietly);
        } catch (RuntimeException e) {
            LOG.warn("failure analysis of run {} failed; the run is reported without a diagnosis",
                    request.runId(), e);
        }
    }

    private static String successSummary(RunState state, int total) {
        int skipped = state.skippedCount();
        List<String> failed = state.continuedFailures();
        int done = total - skipped - failed.size();
        StringBuilder text = new StringBuilder(done + " of " + total + " steps done");
        if (skipped > 0) {
            text.append(", ").append(skipped).append(" skipped");
        }
        if (!failed.isEmpty()) {
            text.append("; failed but continued: ").append(String.join(", ", failed));
        }
        return text.toString();
    }

    private List<StepPlan> plan(RunState state) {
        return state.request().runbook().steps().stream().map(step -> {
            Action<?> action = registry.find(step.action()).orElseThrow();
            String description = step.description() != null ? step.description() : action.description();
            return new StepPlan(step.id(), step.action(), description, action.idempotent(),
                    destructive(step, action, state));
        }).toList();
    }

    /** Judged with the step's parameters where they are known up front; otherwise the action's safe default. */
    private boolean destructive(RunbookStep step, Action<?> action, RunState state) {
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> with = (Map<String, Object>) state.render(step.with());
            return StepApproval.destructive(action, registry.bind(action, with));
        } catch (RuntimeException e) {
            return action.destructive();
        }
    }

    private RunFinished finish(RunRequest request, Instant started, RunOutcome outcome, String summary) {
        RunFinished finished = new RunFinished(Events.newEventId(), clock.instant(), request.target().name(),
                request.runId(), outcome, Redactor.redact(summary), Duration.between(started, clock.instant()));
        publishQuietly(finished);
        return finished;
    }

    /** After RunStarted the work matters more than the report: a lost event is logged, the run goes on. */
    private void publishQuietly(RunEvent event) {
        try {
            sink.publish(event);
        } catch (RuntimeException e) {
            LOG.error("could not publish {} of run {}; the Slack thread will miss it",
                    event.getClass().getSimpleName(), event.runId(), e);
        }
    }
}
