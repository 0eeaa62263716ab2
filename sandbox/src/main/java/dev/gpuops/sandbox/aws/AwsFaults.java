package dev.gpuops.sandbox.aws;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Active faults, each scoped to a target (a group name, a parameter name, or {@code *} for all) and optionally to
 * a number of requests, after which it heals itself.
 */
final class AwsFaults {

    static final String ANY = "*";
    private static final int UNLIMITED = -1;

    private record Key(AwsFault fault, String target) {
    }

    private final Map<Key, AtomicInteger> active = new ConcurrentHashMap<>();

    void fail(String target, AwsFault fault, int times) {
        active.put(new Key(fault, target == null ? ANY : target), new AtomicInteger(times <= 0 ? UNLIMITED : times));
    }

    void heal(String target) {
        active.keySet().removeIf(k -> target == null || k.target.equals(target));
    }

    boolean activeFor(AwsFault fault, String target) {
        return active.containsKey(new Key(fault, ANY)) || (target != null && active.containsKey(new Key(fault, target)));
    }

    /** Like {@link #activeFor} but counts one use against a limited fault. */
    boolean consume(AwsFault fault, String target) {
        for (String scope : target == null ? new String[] {ANY} : new String[] {ANY, target}) {
            Key key = new Key(fault, scope);
            AtomicInteger left = active.get(key);
            if (left == null) {
                continue;
            }
            if (left.get() == UNLIMITED) {
                return true;
            }
            if (left.decrementAndGet() <= 0) {
                active.remove(key);
            }
            return true;
        }
        return false;
    }
}
