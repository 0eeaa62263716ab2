package dev.gpuops.event;

import java.time.Instant;

/** {@code /gpu unmute <target>}: alerts again at once. On the compacted {@code gpuops.mutes} (key = target). */
public record TargetUnmuted(String eventId, Instant occurredAt, String target, String by) implements MonitorEvent {
}
