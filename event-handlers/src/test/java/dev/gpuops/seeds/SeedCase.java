package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.event.Verb;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One run of a shipped runbook against the simulators: the command (target, verb, inputs), what to break before
 * and mend after, and what the thread must show: the outcome, the step that failed and the diagnosis pattern.
 */
final class SeedCase {

    private final String name;
    final String target;
    final Verb verb;
    final Map<String, String> inputs = new LinkedHashMap<>();
    private final RunOutcome outcome;
    private String failedStep;
    private String pattern;
    private Consumer<SeedWorld> before = w -> { };
    private Consumer<SeedWorld> after = w -> { };
    private BiConsumer<SeedWorld, SeedRun> verify = (w, r) -> { };
    private java.util.function.UnaryOperator<String> targetsEdit;

    private SeedCase(String name, String target, Verb verb, RunOutcome outcome) {
        this.name = name;
        this.target = target;
        this.verb = verb;
        this.outcome = outcome;
    }

    static SeedCase succeeds(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.SUCCEEDED);
    }

    static SeedCase fails(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.FAILED);
    }

    static SeedCase cancelled(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.CANCELLED);
    }

    /** The run ends NOT_APPLIED: nothing broke, the requested change is not live; never diagnosed. */
    static SeedCase notApplied(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.NOT_APPLIED);
    }

    /** A status/diagnose run that did its job and found the target unhealthy; its evidence is diagnosed. */
    static SeedCase findsProblems(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.FOUND_PROBLEMS);
    }

    static SeedCase rejected(String name, String target, Verb verb) {
        return new SeedCase(name, target, verb, RunOutcome.REJECTED);
    }

    SeedCase input(String key, String value) {
        inputs.put(key, value);
        return this;
    }

    /** The failure ends at {@code step} and is diagnosed as catalog pattern {@code patternId}. */
    SeedCase diagnosed(String step, String patternId) {
        this.failedStep = step;
        this.pattern = patternId;
        return this;
    }

    /** The failure ends at {@code step} and no catalog pattern explains it: the thread gets the last lines. */
    SeedCase undiagnosed(String step) {
        this.failedStep = step;
        this.pattern = null;
        return this;
    }

    /** Runs on the target as the demo targets file edited by {@code edit} defines it. */
    SeedCase targetsEdit(java.util.function.UnaryOperator<String> edit) {
        this.targetsEdit = edit;
        return this;
    }

    SeedCase before(Consumer<SeedWorld> action) {
        this.before = action;
        return this;
    }

    SeedCase after(Consumer<SeedWorld> action) {
        this.after = action;
        return this;
    }

    SeedCase verify(BiConsumer<SeedWorld, SeedRun> check) {
        this.verify = check;
        return this;
    }

    boolean happy() {
        return outcome == RunOutcome.SUCCEEDED;
    }

    /** The catalog pattern the failure must be diagnosed as, or null. */
    String pattern() {
        return pattern;
    }

    /** Breaks what the case says, runs, mends, then checks the thread. */
    SeedRun check(SeedWorld world) {
        SeedRun run;
        before.accept(world);
        try {
            run = targetsEdit == null ? world.run(target, verb, inputs)
                    : world.run(world.variant(target, targetsEdit), verb, inputs,
                    new dev.gpuops.runbook.engine.RunControl());
        } finally {
            after.accept(world);
        }
        assertThat(run.outcome()).as(run.toString()).isEqualTo(outcome);
        if (outcome == RunOutcome.FAILED || outcome == RunOutcome.FOUND_PROBLEMS) {
            if (outcome == RunOutcome.FAILED) {
                assertThat(run.failedStep()).as(run.toString()).contains(failedStep);
            } else {
                assertThat(run.summary(failedStep)).as("the check that found problems did its job: " + run)
                        .get().asString().startsWith("found problems: ");
            }
            FailureDiagnosed diagnosis = run.diagnosis().orElseThrow(() -> new AssertionError("no diagnosis: " + run));
            assertThat(diagnosis.patternId()).as(run.toString()).isEqualTo(pattern);
            assertThat(diagnosis.stepId()).isEqualTo(failedStep);
            assertThat(diagnosis.evidence()).as("what the thread shows a human").isNotEmpty();
        } else {
            assertThat(run.diagnosis()).as(run.toString()).isEmpty();
        }
        if (outcome == RunOutcome.NOT_APPLIED || outcome == RunOutcome.FOUND_PROBLEMS) {
            assertThat(run.events()).as("no failed step in the thread of a run that did not fail: " + run)
                    .noneMatch(e -> e instanceof dev.gpuops.event.StepFailed f && !f.willRetry()
                            && (failedStep == null || f.stepId().equals(failedStep)));
        }
        assertThat(run.thread()).as("secrets stay out of the thread")
                .doesNotContain(SeedSimulators.HF_TOKEN, SeedSimulators.REGISTRY_TOKEN);
        verify.accept(world, run);
        return run;
    }

    @Override
    public String toString() {
        return name;
    }
}
