package dev.gpuops.event;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * @param summary one line for the checklist
 * @param outputs values later steps can reference as {@code ${steps.<id>.<name>}}; never secrets
 */
public record StepSucceeded(String eventId, Instant occurredAt, String target, String runId, String stepId,
                            Duration duration, String summary, Map<String, String> outputs) implements RunEvent {

    public StepSucceeded {
        outputs = outputs == null ? Map.of() : Map.copyOf(outputs);
    }
}
