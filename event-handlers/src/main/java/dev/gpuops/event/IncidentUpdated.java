package dev.gpuops.event;

import java.time.Instant;

/** @param change what changed, one timeline line, e.g. "automatic restart r-abcd1234 of worker-gpu" */
public record IncidentUpdated(String eventId, Instant occurredAt, String target, Incident incident, String change)
        implements IncidentEvent {
}
