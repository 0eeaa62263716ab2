package dev.gpuops.runbook.engine;

import dev.gpuops.event.FailureDiagnosed;
import java.util.Optional;

/**
 * Explains a failed run from its evidence. Implemented by the diagnosis engine; the run engine publishes its answer
 * after the {@code StepFailed} that ended the run and before {@code RunFinished}.
 */
@FunctionalInterface
public interface FailureAnalyzer {

    FailureAnalyzer NONE = failure -> Optional.empty();

    /**
     * @return the diagnosis to publish (its eventId, target, runId and stepId must be the failed run's), or empty to
     *         publish nothing
     */
    Optional<FailureDiagnosed> analyze(FailedRun failure);
}
