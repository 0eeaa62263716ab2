package dev.gpuops.event;

import java.time.Instant;

/**
 * Someone clicked Approve/Deny (or typed {@code /gpu approve|deny <run>}). The handlers check again that they may
 * decide, then the engine publishes {@link ApprovalGranted} or {@link ApprovalDenied}.
 *
 * @param stepId the step the decision is for; null means "whatever step the run waits at"
 */
public record ApprovalSubmitted(String eventId, Instant occurredAt, String target, String runId, String stepId,
                                boolean approve, Origin origin) implements IngressEvent {
}
