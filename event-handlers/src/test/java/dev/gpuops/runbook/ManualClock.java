package dev.gpuops.runbook;

import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A clock that moves only when its sleeper is asked to sleep: waits are recorded, never slept. */
public final class ManualClock extends Clock {

    private volatile Instant now = Instant.parse("2026-11-23T03:00:00Z");
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    public Sleeper sleeper() {
        return duration -> {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            sleeps.add(duration);
            advance(duration);
            // a real pause point: lets other threads (a cancelling test) run
            Thread.yield();
        };
    }

    public synchronized void advance(Duration duration) {
        now = now.plus(duration);
    }

    public Duration totalSlept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now;
    }
}
