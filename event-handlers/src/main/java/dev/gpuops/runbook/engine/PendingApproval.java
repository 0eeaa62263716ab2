package dev.gpuops.runbook.engine;

import java.time.Instant;
import java.util.Objects;

/**
 * A wait for approval that outlives the process: recorded in the run's checkpoint when ApprovalRequested goes out,
 * and carried into the resumed run after a restart, so the run keeps waiting at the same step with the same deadline
 * (a restart neither skips the approval nor extends it).
 *
 * @param requesterId who asked for the run (may not approve it unless self-approval is on); may be null
 */
public record PendingApproval(String stepId, Instant askedAt, Instant expiresAt, String requesterId) {

    public PendingApproval {
        Objects.requireNonNull(stepId, "stepId");
        Objects.requireNonNull(askedAt, "askedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
