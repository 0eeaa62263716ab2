package dev.gpuops.event;

import java.time.Instant;

/**
 * A run paused before a step that needs a second person (a destructive step on production, or {@code confirm: true}).
 * While no decision follows, the run is waiting: this event on the run log is what shows it.
 *
 * @param blastRadius what the step will destroy, read live from the provider ("purge drops 37 queued jobs")
 * @param requesterId who asked for the run (may not approve it unless the target allows self-approval)
 * @param approvers   who may approve, as Slack mrkdwn mentions
 * @param expiresAt   when the run is cancelled if nobody decides
 */
public record ApprovalRequested(String eventId, Instant occurredAt, String target, String runId, String stepId,
                                String action, String blastRadius, String requesterId, String approvers,
                                Instant expiresAt) implements RunEvent {
}
