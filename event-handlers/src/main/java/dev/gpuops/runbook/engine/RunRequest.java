package dev.gpuops.runbook.engine;

import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import dev.gpuops.runbook.Runbook;
import dev.gpuops.target.Target;
import java.util.Map;
import java.util.Objects;

/**
 * One run to execute.
 *
 * @param inputs      as given by the command; the engine applies the runbook's defaults and drops undeclared ones
 * @param description how the command reads back to a human ("restart box-1 worker-gpu")
 */
public record RunRequest(String runId, Target target, Verb verb, Runbook runbook, Map<String, String> inputs,
                         Origin origin, String description) {

    public RunRequest {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(runbook, "runbook");
        verb = verb == null ? runbook.verb() : verb;
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        description = description == null ? verb.key() + " " + target.name() : description;
    }
}
