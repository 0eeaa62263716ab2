package dev.gpuops.event;

import java.time.Instant;

/**
 * {@code /gpu mute <target> <duration>}: no alerts for the target until {@code until}. On the compacted
 * {@code gpuops.mutes} (key = target).
 */
public record TargetMuted(String eventId, Instant occurredAt, String target, Instant until, String by)
        implements MonitorEvent {
}
