package dev.gpuops.event;

import java.time.Instant;

/** A user asked to cancel a queued or running run. Keyed by the run's target so it lands on the same handler. */
public record CancelRequested(String eventId, Instant occurredAt, String target, String runId, Origin origin)
        implements IngressEvent {
}
