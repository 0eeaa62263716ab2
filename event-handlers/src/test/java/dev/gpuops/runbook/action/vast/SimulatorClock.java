package dev.gpuops.runbook.action.vast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Drives a simulator's lifecycle by hand, so a test decides when a reboot finishes. */
final class SimulatorClock extends Clock {

    private volatile Instant now = Instant.parse("2026-11-23T03:00:00Z");

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
