package dev.gpuops.audit;

import dev.gpuops.event.ApprovalDenied;
import dev.gpuops.event.ApprovalExpired;
import dev.gpuops.event.ApprovalGranted;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.runbook.engine.RunEventSink;
import java.util.Locale;

/** Passes run events on, and writes the ones the audit log keeps: approval decisions and run outcomes. */
public final class AuditingRunEventSink implements RunEventSink {

    private final RunEventSink delegate;
    private final AuditLog audit;

    public AuditingRunEventSink(RunEventSink delegate, AuditLog audit) {
        this.delegate = delegate;
        this.audit = audit;
    }

    @Override
    public void publish(RunEvent event) {
        delegate.publish(event);
        AuditRecord record = switch (event) {
            case ApprovalGranted g -> record(g, g.userId(), "approve step " + g.stepId(), "approved", null);
            case ApprovalDenied d -> record(d, d.userId(), "approve step " + d.stepId(), "denied", null);
            case ApprovalExpired e -> record(e, null, "approve step " + e.stepId(), "expired",
                    "nobody decided within " + e.waited());
            case RunFinished f -> record(f, null, "run finished", f.outcome().name().toLowerCase(Locale.ROOT),
                    f.summary());
            default -> null;
        };
        if (record != null) {
            audit.record(record);
        }
    }

    private static AuditRecord record(RunEvent event, String userId, String action, String outcome, String detail) {
        return new AuditRecord(Events.newEventId(), event.occurredAt(), event.target(), event.runId(), userId,
                userId == null ? "gpuops" : "slack", action, outcome, detail);
    }
}
