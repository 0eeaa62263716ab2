package dev.gpuops.runbook.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Where a recovered run picks up: the step to run next (again, if it was in flight and is safe to repeat), the
 * outputs of the steps already done, and the note shown in the run's thread.
 */
public record Resumption(String stepId, Map<String, Map<String, String>> outputs, String note) {

    public Resumption {
        Objects.requireNonNull(stepId, "stepId");
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        note = note == null ? "resumed after a restart of gpuops" : note;
    }
}
