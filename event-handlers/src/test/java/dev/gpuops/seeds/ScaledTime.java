package dev.gpuops.seeds;

import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that runs {@code speed} times faster than the wall clock, shared by the engine and every simulator, so the
 * shipped runbooks run unchanged (10 s polls, 2 minute first-boot graces, 15 minute timeouts) in a fraction of a
 * second. Real I/O is not sped up, so it looks {@code speed} times slower from inside; the runbooks' timeouts
 * leave room for that.
 */
final class ScaledTime extends Clock implements Sleeper {

    private final Instant origin = Instant.now();
    private final long startNanos = System.nanoTime();
    private final long speed;

    ScaledTime(long speed) {
        this.speed = speed;
    }

    long speed() {
        return speed;
    }

    @Override
    public Instant instant() {
        return origin.plusNanos((System.nanoTime() - startNanos) * speed);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
        if (duration.isPositive()) {
            Thread.sleep(duration.dividedBy(speed));
        }
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
