package dev.gpuops.bot.handlers;

import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.action.Action;
import java.util.List;
import java.util.Set;

/** Every shipped action except those the handlers configuration already defines as beans. */
final class ShippedActions {

    private static final Set<String> DEFINED_BY_HANDLERS = Set.of("log.note", "http.health");

    private ShippedActions() {
    }

    static List<Action<?>> providerActions() {
        return BuiltInActions.all().stream().filter(a -> !DEFINED_BY_HANDLERS.contains(a.key())).toList();
    }
}
