package dev.gpuops.runbook.action.registry;

import dev.gpuops.runbook.action.Action;
import java.util.List;

/** The registry actions, for the composition root to register. They need a {@code RegistryClient} service. */
public final class RegistryActions {

    private RegistryActions() {
    }

    public static List<Action<?>> all() {
        return List.of(new CheckTag(), new Promote());
    }
}
