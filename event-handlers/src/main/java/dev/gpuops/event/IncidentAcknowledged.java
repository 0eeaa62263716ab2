package dev.gpuops.event;

import java.time.Instant;

/** @param by Slack user id of whoever acknowledged */
public record IncidentAcknowledged(String eventId, Instant occurredAt, String target, Incident incident, String by)
        implements IncidentEvent {
}
