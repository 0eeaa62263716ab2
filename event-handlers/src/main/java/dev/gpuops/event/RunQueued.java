package dev.gpuops.event;

import java.time.Instant;

/**
 * The handler accepted a command. {@code aheadOf} is the number of runs before it on the same target (0 = starts
 * now), {@code blockedBy} the run currently holding the target, if any.
 */
public record RunQueued(String eventId, Instant occurredAt, String target, String runId, Verb verb,
                        String description, int aheadOf, String blockedBy, Origin origin) implements RunEvent {
}
