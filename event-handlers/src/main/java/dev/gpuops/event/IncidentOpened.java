package dev.gpuops.event;

import java.time.Instant;

public record IncidentOpened(String eventId, Instant occurredAt, String target, Incident incident)
        implements IncidentEvent {
}
