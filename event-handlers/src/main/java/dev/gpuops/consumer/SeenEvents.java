package dev.gpuops.consumer;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Event ids already handled, so a redelivered record (after a rebalance or a crash before the commit) does nothing
 * twice. Bounded: the oldest ids are forgotten first, which is safe because redeliveries arrive soon after.
 */
public final class SeenEvents {

    public static final int DEFAULT_CAPACITY = 10_000;

    private final Map<String, Boolean> seen;

    public SeenEvents(int capacity) {
        this.seen = new LinkedHashMap<>(capacity, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    public SeenEvents() {
        this(DEFAULT_CAPACITY);
    }

    public synchronized boolean contains(String eventId) {
        return seen.containsKey(eventId);
    }

    public synchronized void add(String eventId) {
        seen.put(eventId, Boolean.TRUE);
    }
}
