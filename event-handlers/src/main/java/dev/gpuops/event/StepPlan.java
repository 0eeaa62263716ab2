package dev.gpuops.event;

/**
 * One step as planned when the run starts, so the thread can show the whole checklist up front.
 *
 * @param idempotent  safe to repeat after a crash (a resumed run re-executes it; a non-idempotent one is not repeated)
 * @param destructive changes or stops something users depend on, judged with the step's parameters where they are
 *                    known up front (on production such a step waits for approval)
 */
public record StepPlan(String id, String action, String description, boolean idempotent, boolean destructive) {
}
