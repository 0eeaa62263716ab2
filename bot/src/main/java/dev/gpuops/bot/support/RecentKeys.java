package dev.gpuops.bot.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Keys seen recently, each with a value, forgotten after {@code ttl} or when more than {@code capacity} are held
 * (oldest first). The idempotency memory of the ingress side: Slack trigger ids, GitHub delivery ids.
 */
public final class RecentKeys<V> {

    private final Clock clock;
    private final Duration ttl;
    private final int capacity;
    private final LinkedHashMap<String, Entry<V>> entries = new LinkedHashMap<>();

    public RecentKeys(Clock clock, Duration ttl, int capacity) {
        if (capacity < 1 || ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("capacity must be >= 1 and ttl > 0, got " + capacity + ", " + ttl);
        }
        this.clock = clock;
        this.ttl = ttl;
        this.capacity = capacity;
    }

    /**
     * Records {@code key} with {@code value} unless it is already known.
     *
     * @return the value already held for the key, or empty when this call claimed it
     */
    public synchronized Optional<V> claim(String key, V value) {
        Instant now = clock.instant();
        evictExpired(now);
        Entry<V> existing = entries.get(key);
        if (existing != null) {
            return Optional.of(existing.value());
        }
        entries.put(key, new Entry<>(value, now.plus(ttl)));
        while (entries.size() > capacity) {
            Iterator<String> oldest = entries.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        return Optional.empty();
    }

    /** Replaces the value of a claimed key, keeping its expiry. */
    public synchronized void update(String key, V value) {
        entries.computeIfPresent(key, (k, old) -> new Entry<>(value, old.expiresAt()));
    }

    /** Forgets a key, so the same request may be processed again (it failed before taking effect). */
    public synchronized void release(String key) {
        entries.remove(key);
    }

    public synchronized Optional<V> get(String key) {
        evictExpired(clock.instant());
        return Optional.ofNullable(entries.get(key)).map(Entry::value);
    }

    public synchronized int size() {
        evictExpired(clock.instant());
        return entries.size();
    }

    private void evictExpired(Instant now) {
        // insertion order == expiry order, since every entry lives for the same ttl
        Iterator<Map.Entry<String, Entry<V>>> it = entries.entrySet().iterator();
        while (it.hasNext() && !it.next().getValue().expiresAt().isAfter(now)) {
            it.remove();
        }
    }

    private record Entry<V>(V value, Instant expiresAt) {
    }
}
