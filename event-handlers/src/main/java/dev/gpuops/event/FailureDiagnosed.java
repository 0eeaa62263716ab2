package dev.gpuops.event;

import java.time.Instant;
import java.util.List;

/**
 * The diagnosis engine's best explanation of a failure. {@code patternId} is null when nothing matched; then
 * {@code evidence} holds the last relevant lines so a human can take over.
 */
public record FailureDiagnosed(String eventId, Instant occurredAt, String target, String runId, String stepId,
                               String patternId, double confidence, String meaning, String fix,
                               List<String> evidence, String remediation) implements RunEvent {

    public FailureDiagnosed {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
    }
}
