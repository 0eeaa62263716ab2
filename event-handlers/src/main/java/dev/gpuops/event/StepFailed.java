package dev.gpuops.event;

import java.time.Duration;
import java.time.Instant;

/**
 * @param error     what went wrong, redacted, for the thread
 * @param willRetry whether the engine will try this step again
 */
public record StepFailed(String eventId, Instant occurredAt, String target, String runId, String stepId,
                         int attempt, Duration duration, String error, boolean willRetry) implements RunEvent {
}
