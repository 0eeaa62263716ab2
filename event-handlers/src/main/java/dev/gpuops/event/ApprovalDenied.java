package dev.gpuops.event;

import java.time.Instant;

/** An approver refused the waiting step; the run ends cancelled before it. */
public record ApprovalDenied(String eventId, Instant occurredAt, String target, String runId, String stepId,
                             String userId, String userName) implements RunEvent {
}
