package dev.gpuops.event;

import java.time.Instant;

/** @param by Slack user id of whoever resolved, or {@code monitor} when the target recovered by itself */
public record IncidentResolved(String eventId, Instant occurredAt, String target, Incident incident, String by,
                               String note) implements IncidentEvent {
}
