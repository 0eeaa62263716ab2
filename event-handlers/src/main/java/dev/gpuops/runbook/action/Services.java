package dev.gpuops.runbook.action;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The composition root's container of provider clients and shared helpers. Only the engine's step context reads it,
 * behind {@link StepContext}'s typed accessors ({@code runpod()}, {@code ssh()}…): actions never see it (the
 * architecture test enforces that). A missing client is a configuration problem, reported as such.
 */
public final class Services {

    private final Map<Class<?>, Object> byType = new ConcurrentHashMap<>();

    public <T> Services register(Class<T> type, T instance) {
        byType.put(type, instance);
        return this;
    }

    public <T> T get(Class<T> type) {
        Object found = byType.get(type);
        if (found == null) {
            throw StepFailure.permanent(type.getSimpleName()
                    + " is not configured in this gpuops deployment; set its environment variables (see README)");
        }
        return type.cast(found);
    }

    public boolean has(Class<?> type) {
        return byType.containsKey(type);
    }
}
