package dev.gpuops.event;

import java.time.Instant;

/** Progress inside a long step ("attempt 3/20: timeout", "instance refresh 40%"). */
public record StepProgressed(String eventId, Instant occurredAt, String target, String runId, String stepId,
                             String message) implements RunEvent {
}
