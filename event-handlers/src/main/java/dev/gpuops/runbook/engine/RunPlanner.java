package dev.gpuops.runbook.engine;

import dev.gpuops.event.Events;
import dev.gpuops.event.RunPlanned;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.runbook.ActionRegistry;
import dev.gpuops.runbook.RunbookStep;
import dev.gpuops.runbook.Template;
import dev.gpuops.runbook.Values;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Services;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /gpu plan} and {@code --dry-run}: resolves each step's parameters as far as they can be before the run,
 * judges which steps are destructive and which would wait for approval, and reads the blast radius of the
 * destructive ones live. Runs no step.
 */
final class RunPlanner {

    /** The command input that turns a run into a plan. */
    static final String DRY_RUN = dev.gpuops.access.CommandInputs.DRY_RUN;
    private static final String FROM_EARLIER_STEPS = "${steps.";

    private final ActionRegistry registry;
    private final Services services;
    private final Clock clock;
    private final Sleeper sleeper;

    RunPlanner(ActionRegistry registry, Services services, Clock clock, Sleeper sleeper) {
        this.registry = registry;
        this.services = services;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    static boolean wanted(RunRequest request) {
        return "true".equals(request.inputs().get(DRY_RUN));
    }

    RunPlanned plan(RunState state) {
        List<RunPlanned.PlannedStep> steps = new ArrayList<>();
        for (RunbookStep step : state.request().runbook().steps()) {
            steps.add(plan(step, state));
        }
        return new RunPlanned(Events.newEventId(), clock.instant(), state.request().target().name(),
                state.request().runId(), steps);
    }

    private RunPlanned.PlannedStep plan(RunbookStep step, RunState state) {
        Action<?> action = registry.find(step.action()).orElseThrow();
        String note = whenNote(step, state);
        Object rendered = state.render(step.with());
        String params = Redactor.redact(String.valueOf(rendered));
        boolean laterValues = String.valueOf(step.with()).contains(FROM_EARLIER_STEPS);
        Record bound;
        try {
            @SuppressWarnings("unchecked")
            Map<String, Object> with = (Map<String, Object>) rendered;
            bound = registry.bind(action, with);
        } catch (RuntimeException e) {
            boolean destructive = action.destructive();
            return new RunPlanned.PlannedStep(step.id(), step.action(), params, destructive,
                    StepApproval.required(step, destructive, state), null,
                    join(note, "parameters resolved at run time" + (laterValues ? " (from earlier steps)" : "")
                            + ": " + Redactor.redact(String.valueOf(e.getMessage()))));
        }
        boolean destructive = StepApproval.destructive(action, bound);
        String radius = destructive ? blastRadius(action, bound, step, state) : null;
        return new RunPlanned.PlannedStep(step.id(), step.action(), params, destructive,
                StepApproval.required(step, destructive, state), radius,
                join(note, laterValues ? "some parameters come from earlier steps and are shown empty" : null));
    }

    private static String whenNote(RunbookStep step, RunState state) {
        if (step.when() == null) {
            return null;
        }
        if (step.when().contains(FROM_EARLIER_STEPS)) {
            return "runs only if `" + step.when() + "` (known at run time)";
        }
        return Values.truthy(Template.parse(step.when()).render(state::lookup)) ? null
                : "would be skipped: `when: " + step.when() + "` is false";
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private String blastRadius(Action<?> action, Record params, RunbookStep step, RunState state) {
        EngineStepContext context = new EngineStepContext(state, step.id(), 1, clock.instant().plus(step.timeout()),
                clock, sleeper, services, message -> { });
        try {
            Optional<String> radius = ((Action) action).blastRadius(context, params);
            return Redactor.redact(radius.orElse(action.description()));
        } catch (Exception e) {
            return Redactor.redact("could not be read: " + e.getMessage());
        }
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
