package dev.gpuops.event;

import java.time.Instant;

public record StepStarted(String eventId, Instant occurredAt, String target, String runId, String stepId,
                          int attempt) implements RunEvent {
}
