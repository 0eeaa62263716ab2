package dev.gpuops.event;

/**
 * What the health monitor publishes: state transitions of a target ({@code gpuops.health}, key = target) and
 * incident changes ({@code gpuops.incidents}, compacted, key = incident id, each record carrying the whole incident
 * so the latest record per key is its state).
 */
public sealed interface MonitorEvent extends GpuopsEvent permits HealthCheckFailed, HealthRecovered, TargetMuted, TargetUnmuted,
        IncidentEvent {
}
