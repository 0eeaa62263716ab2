package dev.gpuops.runbook.action.diagnose;

import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFinding;
import dev.gpuops.runbook.action.StepResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code diagnose.verdict}: the last step of an evidence-collecting runbook (status, diagnose), whose checks run with
 * {@code onFailure: continue}. Each check is named with an output of the step that performs it; a failed step has no
 * outputs, so a blank value means that check failed. A failed check ends the run FOUND_PROBLEMS (the run did its
 * job), and the engine diagnoses everything the run collected and posts the diagnosis in the thread.
 */
@RunbookAction(key = "diagnose.verdict", idempotent = true, destructive = false,
        description = "Pass when every check passed; otherwise fail so the collected evidence is diagnosed")
public final class DiagnoseVerdict implements Action<DiagnoseVerdict.Params> {

    public record Params(
            @Param(value = "Check name → an output of the step that performs it, e.g. health: ${steps.health.status}",
                    required = true) Map<String, String> checks,
            @Param("Check name → a value that is blank when the check does not apply to this target (its step was"
                    + " skipped by `when:`), e.g. health: ${target.health.url}${target.health.path}")
            Map<String, String> applies) {

        public Params {
            if (checks == null || checks.isEmpty()) {
                throw new IllegalArgumentException("diagnose.verdict needs checks: (name: ${steps.<id>.<output>})");
            }
            Map<String, String> copy = new LinkedHashMap<>();
            checks.forEach((k, v) -> copy.put(k, v == null ? "" : v));
            checks = java.util.Collections.unmodifiableMap(copy);
            Map<String, String> when = new LinkedHashMap<>();
            if (applies != null) {
                applies.forEach((k, v) -> when.put(k, v == null ? "" : v));
            }
            applies = java.util.Collections.unmodifiableMap(when);
            for (String name : applies.keySet()) {
                if (!checks.containsKey(name)) {
                    throw new IllegalArgumentException("diagnose.verdict applies: names `" + name
                            + "`, which is not one of the checks (" + String.join(", ", checks.keySet()) + ")");
                }
            }
        }

        /** The checks that apply to this target. */
        Map<String, String> relevant() {
            Map<String, String> out = new LinkedHashMap<>();
            checks.forEach((name, value) -> {
                String applies = this.applies.get(name);
                if (applies == null || !applies.isBlank()) {
                    out.put(name, value);
                }
            });
            return out;
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        Map<String, String> checks = params.relevant();
        List<String> failed = checks.entrySet().stream().filter(e -> e.getValue().isBlank())
                .map(Map.Entry::getKey).toList();
        if (!failed.isEmpty()) {
            throw new StepFinding(ctx.target().name() + ": " + failed.size() + " of " + checks.size()
                    + " checks found problems (" + String.join(", ", failed) + ")");
        }
        return StepResult.of("all " + checks.size() + " checks passed: " + String.join(", ", checks.keySet()));
    }
}
