package dev.gpuops.event;

import java.time.Instant;

/** An approver let the waiting step run; {@code occurredAt} is when. */
public record ApprovalGranted(String eventId, Instant occurredAt, String target, String runId, String stepId,
                              String userId, String userName) implements RunEvent {
}
