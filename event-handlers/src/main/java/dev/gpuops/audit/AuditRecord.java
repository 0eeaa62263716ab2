package dev.gpuops.audit;

import java.time.Instant;

/**
 * One line of the audit log on {@code gpuops.audit}: who did or tried what, where, and what came of it. Written by
 * the ingress (refusals it answers itself) and the handlers (commands taken or refused, approval decisions, run
 * outcomes). Keyed by target.
 *
 * @param userId  Slack user id, GitHub login, or null for gpuops itself (an expiry)
 * @param source  slack, github, gpuops
 * @param action  what was asked: "restart box-1 worker-gpu", "approve step restart", "run finished"
 * @param outcome accepted, refused, approved, denied, expired, succeeded, failed, cancelled, rejected
 * @param detail  why (a refusal's reason, a run's summary); redacted
 */
public record AuditRecord(String id, Instant occurredAt, String target, String runId, String userId, String source,
                          String action, String outcome, String detail) {

    public static final String TOPIC = "gpuops.audit";
}
