package dev.gpuops.runbook;

import dev.gpuops.event.Verb;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A validated runbook: what {@code verb} means on targets of the listed providers.
 *
 * @param file the file it was loaded from, for messages
 */
public record Runbook(String name, Verb verb, List<String> providers, String description,
                      Map<String, RunbookInput> inputs, List<RunbookStep> steps, String file) {

    public Runbook {
        providers = List.copyOf(providers);
        inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        steps = List.copyOf(steps);
    }

    public boolean appliesTo(String provider) {
        return providers.contains(provider);
    }

    public Optional<RunbookStep> step(String id) {
        return steps.stream().filter(s -> s.id().equals(id)).findFirst();
    }
}
