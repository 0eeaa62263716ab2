package dev.gpuops.provider.runpod;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /health}. RunPod's docs show only some worker counters while real responses carry six, so an absent
 * counter reads as 0 and its name is listed in {@link #missingCounters()} for callers that want to say so.
 */
public record EndpointHealth(Jobs jobs, Workers workers, List<String> missingCounters) {

    public record Jobs(int completed, int failed, int inProgress, int inQueue, int retried) {
    }

    /** {@code ready} counts workers able to take jobs; {@code idle} and {@code running} split them by activity. */
    public record Workers(int idle, int initializing, int ready, int running, int throttled, int unhealthy) {

        /** A worker is up if RunPod says ready, or idle/running where it omits ready. */
        public int up() {
            return Math.max(ready, idle + running);
        }
    }

    public EndpointHealth {
        missingCounters = List.copyOf(missingCounters);
    }

    static EndpointHealth from(JsonNode n) {
        List<String> missing = new ArrayList<>();
        JsonNode j = n.path("jobs");
        JsonNode w = n.path("workers");
        Jobs jobs = new Jobs(count(j, "completed", "jobs", missing), count(j, "failed", "jobs", missing),
                count(j, "inProgress", "jobs", missing), count(j, "inQueue", "jobs", missing),
                count(j, "retried", "jobs", missing));
        Workers workers = new Workers(count(w, "idle", "workers", missing),
                count(w, "initializing", "workers", missing), count(w, "ready", "workers", missing),
                count(w, "running", "workers", missing), count(w, "throttled", "workers", missing),
                count(w, "unhealthy", "workers", missing));
        return new EndpointHealth(jobs, workers, missing);
    }

    private static int count(JsonNode parent, String field, String group, List<String> missing) {
        JsonNode v = parent.path(field);
        if (!v.isNumber()) {
            missing.add(group + "." + field);
            return 0;
        }
        return v.asInt();
    }

    /** "queue 3, workers: 1 ready, 2 initializing" — zero counters are left out. */
    public String summary() {
        List<String> parts = new ArrayList<>();
        add(parts, workers.up(), "ready");
        add(parts, workers.running, "running");
        add(parts, workers.initializing, "initializing");
        add(parts, workers.unhealthy, "unhealthy");
        add(parts, workers.throttled, "throttled");
        String w = parts.isEmpty() ? "none" : String.join(", ", parts);
        String inProgress = jobs.inProgress > 0 ? " (+" + jobs.inProgress + " in progress)" : "";
        return "queue " + jobs.inQueue + inProgress + ", workers: " + w;
    }

    private static void add(List<String> parts, int n, String label) {
        if (n > 0) {
            parts.add(n + " " + label);
        }
    }
}
