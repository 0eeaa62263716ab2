package dev.gpuops.sandbox.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Active faults per repository name (or {@code *}), each unlimited or for a number of requests. */
final class RegistryFaults {

    static final String ANY = "*";
    private static final int UNLIMITED = -1;

    private record Key(RegistryFault fault, String target) {
    }

    private final Map<Key, AtomicInteger> active = new ConcurrentHashMap<>();

    void fail(String target, RegistryFault fault, int times) {
        active.put(new Key(fault, target == null ? ANY : target), new AtomicInteger(times <= 0 ? UNLIMITED : times));
    }

    void heal(String target) {
        active.keySet().removeIf(k -> target == null || k.target.equals(target));
    }

    /** The first active fault for {@code repository}, counting one use against limited faults. */
    Optional<RegistryFault> consume(String repository) {
        for (RegistryFault fault : RegistryFault.values()) {
            for (String scope : new String[] {ANY, repository}) {
                AtomicInteger left = scope == null ? null : active.get(new Key(fault, scope));
                if (left == null) {
                    continue;
                }
                if (left.get() != UNLIMITED && left.decrementAndGet() <= 0) {
                    active.remove(new Key(fault, scope));
                }
                return Optional.of(fault);
            }
        }
        return Optional.empty();
    }
}
