package dev.gpuops.access;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Remembers each group's members for {@code ttl}, so a burst of commands costs one Slack call per group. A failed
 * lookup is not cached: the next request asks again.
 */
public final class CachedGroupDirectory implements GroupDirectory {

    private record Entry(Set<String> members, Instant expires) {
    }

    private final GroupDirectory source;
    private final Clock clock;
    private final Duration ttl;
    private final ConcurrentMap<String, Entry> cache = new ConcurrentHashMap<>();

    public CachedGroupDirectory(GroupDirectory source, Clock clock, Duration ttl) {
        this.source = source;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Set<String> members(String groupId) {
        Instant now = clock.instant();
        Entry entry = cache.get(groupId);
        if (entry != null && now.isBefore(entry.expires())) {
            return entry.members();
        }
        Set<String> members = Set.copyOf(source.members(groupId));
        cache.put(groupId, new Entry(members, now.plus(ttl)));
        return members;
    }
}
