package dev.gpuops.audit;

/** Where audit records go. Best effort: a lost record is logged, the operation it describes goes on. */
public interface AuditLog {

    AuditLog NONE = record -> { };

    void record(AuditRecord record);
}
