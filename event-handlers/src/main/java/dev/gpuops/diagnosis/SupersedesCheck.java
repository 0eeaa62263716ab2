package dev.gpuops.diagnosis;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cross-checks {@code supersedes} across the whole catalog: every id names a pattern, no pattern supersedes itself,
 * and there is no cycle (a cycle would leave "which explains which" undefined).
 */
final class SupersedesCheck {

    private SupersedesCheck() {
    }

    static void verify(List<FailurePattern> patterns) {
        Map<String, FailurePattern> byId = new HashMap<>();
        patterns.forEach(p -> byId.put(p.id(), p));
        for (FailurePattern pattern : patterns) {
            for (String other : pattern.supersedes()) {
                if (!byId.containsKey(other)) {
                    fail(pattern, "'" + other + "' is not a pattern id of the catalog");
                }
                if (other.equals(pattern.id())) {
                    fail(pattern, "a pattern cannot supersede itself");
                }
            }
        }
        Set<String> done = new HashSet<>();
        for (FailurePattern pattern : patterns) {
            walk(pattern, byId, new HashSet<>(), done);
        }
    }

    private static void walk(FailurePattern pattern, Map<String, FailurePattern> byId, Set<String> path,
                             Set<String> done) {
        if (done.contains(pattern.id())) {
            return;
        }
        if (!path.add(pattern.id())) {
            fail(pattern, "supersedes forms a cycle through " + String.join(" -> ", path));
        }
        pattern.supersedes().forEach(id -> walk(byId.get(id), byId, path, done));
        path.remove(pattern.id());
        done.add(pattern.id());
    }

    private static void fail(FailurePattern pattern, String problem) {
        throw new CatalogException(pattern.file(), pattern.line(), "supersedes", "pattern '" + pattern.id() + "': "
                + problem);
    }
}
