package dev.gpuops.event;

import java.time.Instant;
import java.util.List;

/**
 * A target went from suspect to failing: {@code failAfter} probes in a row found failing checks.
 *
 * @param failing      the failing checks with their evidence
 * @param failingSince when the first of those consecutive failing probes ran
 */
public record HealthCheckFailed(String eventId, Instant occurredAt, String target, String provider,
                                List<CheckResult> failing, Instant failingSince) implements MonitorEvent {

    public HealthCheckFailed {
        failing = failing == null ? List.of() : List.copyOf(failing);
    }
}
