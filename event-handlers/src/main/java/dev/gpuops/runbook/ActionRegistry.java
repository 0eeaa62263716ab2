package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Action;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** Every action this deployment can run, by dotted key, from the injected set. */
public final class ActionRegistry {

    private final Map<String, Action<?>> byKey;
    private final ParamBinder binder = new ParamBinder();

    /** @throws IllegalStateException when two actions claim the same key */
    public ActionRegistry(Collection<? extends Action<?>> actions) {
        Map<String, Action<?>> map = new TreeMap<>();
        for (Action<?> action : actions) {
            Action<?> previous = map.putIfAbsent(action.key(), action);
            if (previous != null) {
                throw new IllegalStateException("two actions claim the key `" + action.key() + "`: "
                        + previous.getClass().getName() + " and " + action.getClass().getName()
                        + "; action keys must be unique");
            }
            if (action.paramsType() == null || !action.paramsType().isRecord()) {
                throw new IllegalStateException("action `" + action.key() + "` (" + action.getClass().getName()
                        + ") must declare a record as its params type");
            }
        }
        this.byKey = Collections.unmodifiableMap(map);
    }

    public Optional<Action<?>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Set<String> keys() {
        return byKey.keySet();
    }

    public Collection<Action<?>> all() {
        return byKey.values();
    }

    /** Binds a step's resolved {@code with:} map to the action's params record. */
    public <P extends Record> P bind(Action<P> action, Map<String, ?> with) {
        return binder.bind(action.key(), action.paramsType(), with);
    }

    public ParamBinder binder() {
        return binder;
    }
}
