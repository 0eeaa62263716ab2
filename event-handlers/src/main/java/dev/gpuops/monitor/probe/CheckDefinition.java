package dev.gpuops.monitor.probe;

import java.util.Map;

/**
 * One declared health check: which probe runs it and with what. From {@code runbooks/checks/PROVIDER.yaml}.
 *
 * @param with probe parameters, e.g. {@code command} and {@code expect} for {@code ssh-command}
 */
public record CheckDefinition(String id, String probe, String description, Map<String, String> with) {

    public CheckDefinition {
        with = with == null ? Map.of() : Map.copyOf(with);
        description = description == null ? "" : description;
    }
}
