package dev.gpuops.bot.runs;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The permalink of each run's Slack thread (from chat.getPermalink once its root message is posted), so
 * {@code /gpu runs} can link every run without calling Slack while it answers. Bounded: the oldest links go first.
 */
public final class RunLinks {

    private final int capacity;
    private final Map<String, String> links = new LinkedHashMap<>();

    public RunLinks(int capacity) {
        this.capacity = capacity;
    }

    public synchronized void put(String runId, String permalink) {
        if (runId == null || permalink == null || permalink.isBlank()) {
            return;
        }
        links.remove(runId);
        links.put(runId, permalink);
        if (links.size() > capacity) {
            links.remove(links.keySet().iterator().next());
        }
    }

    public synchronized Optional<String> find(String runId) {
        return Optional.ofNullable(links.get(runId));
    }
}
