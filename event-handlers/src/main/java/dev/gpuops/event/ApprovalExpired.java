package dev.gpuops.event;

import java.time.Duration;
import java.time.Instant;

/** Nobody decided within the approval timeout; the run ends cancelled before the step. */
public record ApprovalExpired(String eventId, Instant occurredAt, String target, String runId, String stepId,
                              Duration waited) implements RunEvent {
}
