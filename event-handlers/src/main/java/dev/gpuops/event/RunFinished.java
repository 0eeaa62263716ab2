package dev.gpuops.event;

import java.time.Duration;
import java.time.Instant;

public record RunFinished(String eventId, Instant occurredAt, String target, String runId, RunOutcome outcome,
                          String summary, Duration duration) implements RunEvent {
}
