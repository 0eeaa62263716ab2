package dev.gpuops.event;

import java.time.Instant;
import java.util.List;

/**
 * The diagnosis engine's best explanation of a failure. {@code patternId} is null when nothing matched; then
 * {@code evidence} holds the last relevant lines so a human can take over. {@code alsoPossible} names the runner-ups
 * that scored close to the best, so the thread can say "also possible: …" when the evidence does not settle it.
 */
public record FailureDiagnosed(String eventId, Instant occurredAt, String target, String runId, String stepId,
                               String patternId, double confidence, String meaning, String fix,
                               List<String> evidence, String remediation, List<Alternative> alsoPossible)
        implements RunEvent {

    /** A runner-up explanation: its pattern, title and confidence (0..1). */
    public record Alternative(String patternId, String title, double confidence) {
    }

    public FailureDiagnosed {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        alsoPossible = alsoPossible == null ? List.of() : List.copyOf(alsoPossible);
    }

    /** A diagnosis without runner-ups. */
    public FailureDiagnosed(String eventId, Instant occurredAt, String target, String runId, String stepId,
                            String patternId, double confidence, String meaning, String fix, List<String> evidence,
                            String remediation) {
        this(eventId, occurredAt, target, runId, stepId, patternId, confidence, meaning, fix, evidence, remediation,
                List.of());
    }
}
