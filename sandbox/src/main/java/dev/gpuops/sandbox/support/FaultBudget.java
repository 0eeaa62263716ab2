package dev.gpuops.sandbox.support;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Request-level faults and how many more requests each one answers ({@link Integer#MAX_VALUE}: until healed). */
public final class FaultBudget<F extends Enum<F>> {

    private final Map<F, Integer> remaining = new ConcurrentHashMap<>();

    public void set(F fault, int times) {
        remaining.put(fault, times);
    }

    public void clear() {
        remaining.clear();
    }

    public void clear(F fault) {
        remaining.remove(fault);
    }

    /** Whether this request gets the fault; spends one from its budget. */
    public boolean take(F fault) {
        Integer left = remaining.computeIfPresent(fault, (f, n) -> n == Integer.MAX_VALUE ? n : n - 1);
        if (left == null) {
            return false;
        }
        if (left <= 0) {
            remaining.remove(fault, left);
        }
        return left >= 0;
    }
}
