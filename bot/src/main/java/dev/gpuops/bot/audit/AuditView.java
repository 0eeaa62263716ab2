package dev.gpuops.bot.audit;

import dev.gpuops.audit.AuditRecord;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Predicate;

/** The most recent audit records, read from {@code gpuops.audit}, for {@code /gpu audit}. */
public class AuditView {

    private final int capacity;
    private final Deque<AuditRecord> records = new ArrayDeque<>();

    public AuditView(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void accept(AuditRecord record) {
        records.addLast(record);
        if (records.size() > capacity) {
            records.removeFirst();
        }
    }

    /** Newest first, at most {@code limit}, of those matching {@code filter}. */
    public synchronized List<AuditRecord> latest(int limit, Predicate<AuditRecord> filter) {
        return records.reversed().stream().filter(filter).limit(limit).toList();
    }
}
