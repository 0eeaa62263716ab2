package dev.gpuops.runbook.engine;

import java.util.Map;
import java.util.Objects;

/**
 * Where a recovered run picks up: the step to run next (again, if it was in flight and is safe to repeat), the
 * outputs of the steps already done, and the note shown in the run's thread.
 *
 * @param approval the approval the run was waiting for at {@code stepId} when gpuops stopped, kept with its
 *                 deadline; null when it was not waiting
 */
public record Resumption(String stepId, Map<String, Map<String, String>> outputs, String note,
                         PendingApproval approval) {

    public Resumption {
        Objects.requireNonNull(stepId, "stepId");
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
        note = note == null ? "resumed after a restart of gpuops" : note;
        if (approval != null && !approval.stepId().equals(stepId)) {
            approval = null;
        }
    }

    public Resumption(String stepId, Map<String, Map<String, String>> outputs, String note) {
        this(stepId, outputs, note, null);
    }
}
