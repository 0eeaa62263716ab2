package dev.gpuops.bot.notify;

import java.util.LinkedHashMap;
import java.util.Map;

/** A bounded set of recently seen ids: memory stays flat however long the bot runs. Thread-safe. */
final class RecentIds {

    private final Map<String, Boolean> ids;

    RecentIds(int capacity) {
        this.ids = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > capacity;
            }
        };
    }

    /** @return true when the id was not seen yet (and is now remembered) */
    synchronized boolean add(String id) {
        return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    synchronized boolean contains(String id) {
        return ids.containsKey(id);
    }

    synchronized int size() {
        return ids.size();
    }
}
