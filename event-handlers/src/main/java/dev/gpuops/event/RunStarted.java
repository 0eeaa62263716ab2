package dev.gpuops.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

public record RunStarted(String eventId, Instant occurredAt, String target, String runId, Verb verb,
                         String runbook, String description, Map<String, String> inputs, List<StepPlan> steps,
                         Origin origin) implements RunEvent {

    public RunStarted {
        inputs = inputs == null ? Map.of() : Map.copyOf(inputs);
        steps = steps == null ? List.of() : List.copyOf(steps);
    }
}
