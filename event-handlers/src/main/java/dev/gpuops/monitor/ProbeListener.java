package dev.gpuops.monitor;

import java.time.Duration;
import java.time.Instant;

/** Told about every probe the monitor ran and its timing: for the bench's missed-interval count and metrics. */
@FunctionalInterface
public interface ProbeListener {

    ProbeListener NONE = (target, due, started, took) -> { };

    /**
     * @param due     when the probe was due (the previous start plus the interval), or null for a target's first
     * @param started when its thread started it
     * @param took    how long the probe took
     */
    void probed(String target, Instant due, Instant started, Duration took);
}
