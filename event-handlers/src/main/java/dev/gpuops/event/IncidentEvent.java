package dev.gpuops.event;

/**
 * A change of one incident. Every record carries the whole incident after the change, so a compacted topic keyed by
 * incident id holds the state of every incident and a restarted replica rebuilds it by reading the topic.
 */
public sealed interface IncidentEvent extends MonitorEvent
        permits IncidentOpened, IncidentUpdated, IncidentAcknowledged, IncidentResolved {

    Incident incident();
}
