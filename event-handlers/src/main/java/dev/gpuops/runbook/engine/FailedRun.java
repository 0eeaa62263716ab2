package dev.gpuops.runbook.engine;

import dev.gpuops.event.Verb;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.target.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything known about a run at the moment a step failure ended it: what the diagnosis engine matches against the
 * failure-pattern catalog.
 *
 * @param error    the failing step's error, redacted (also present in {@code evidence} as STEP_ERROR)
 * @param evidence all evidence the run's steps recorded, in order, redacted
 * @param outputs  outputs of the steps that succeeded, by step id
 */
public record FailedRun(String runId, Target target, Verb verb, String runbook, String stepId, String action,
                        String error, List<Evidence> evidence, Map<String, String> inputs,
                        Map<String, Map<String, String>> outputs, Instant failedAt) {

    public FailedRun {
        evidence = List.copyOf(evidence);
        inputs = Map.copyOf(inputs);
        outputs = Map.copyOf(outputs);
    }
}
