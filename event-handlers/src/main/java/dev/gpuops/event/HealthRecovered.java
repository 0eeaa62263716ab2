package dev.gpuops.event;

import java.time.Instant;

/** A failing target passed {@code recoverAfter} probes in a row. */
public record HealthRecovered(String eventId, Instant occurredAt, String target, String provider,
                              Instant failingSince) implements MonitorEvent {
}
