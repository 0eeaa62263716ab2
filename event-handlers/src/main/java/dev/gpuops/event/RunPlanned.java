package dev.gpuops.event;

import java.time.Instant;
import java.util.List;

/**
 * The answer to {@code /gpu plan} (or {@code --dry-run}): what the run would do, step by step, without doing it.
 * Followed by RunFinished; no step runs.
 */
public record RunPlanned(String eventId, Instant occurredAt, String target, String runId, List<PlannedStep> steps)
        implements RunEvent {

    public RunPlanned {
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /**
     * @param params        the step's parameters with {@code ${…}} resolved where they can be before the run (redacted)
     * @param destructive   judged with those parameters
     * @param needsApproval would wait for a second person (production + destructive, or {@code confirm: true})
     * @param blastRadius   read live from the provider for a destructive step; null otherwise
     * @param note          why something is not known yet (a {@code when} or a parameter that depends on an earlier
     *                      step's output), or null
     */
    public record PlannedStep(String id, String action, String params, boolean destructive, boolean needsApproval,
                              String blastRadius, String note) {
    }
}
