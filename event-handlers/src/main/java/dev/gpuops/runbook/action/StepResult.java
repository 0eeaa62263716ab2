package dev.gpuops.runbook.action;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a successful step reports.
 *
 * @param summary one line for the checklist ("worker-gpu RUNNING, pid 4242")
 * @param outputs values later steps reference as {@code ${steps.<id>.<name>}}; never secrets
 */
public record StepResult(String summary, Map<String, String> outputs) {

    public StepResult {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }

    public static StepResult of(String summary) {
        return new StepResult(summary, Map.of());
    }

    public static StepResult of(String summary, String key, String value) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(key, value);
        return new StepResult(summary, out);
    }
}
