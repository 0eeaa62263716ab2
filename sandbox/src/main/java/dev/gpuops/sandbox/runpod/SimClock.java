package dev.gpuops.sandbox.runpod;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Simulated time for the RunPod sandbox. Cold starts and init timeouts are minutes long on the real service, so sim
 * time runs {@code timeScale} times faster than wall time (420 s of sim time pass in 0.42 s at scale 1000), and tests
 * can jump ahead with {@link #advance(Duration)}. Scale 0 freezes the clock so only {@code advance} moves it, which
 * makes a test fully deterministic.
 */
public final class SimClock {

    private final double timeScale;
    private final LongSupplier wallNanos;
    private final long startNanos;
    private final AtomicLong offsetMillis = new AtomicLong();

    public SimClock(double timeScale) {
        this(timeScale, System::nanoTime);
    }

    SimClock(double timeScale, LongSupplier wallNanos) {
        if (timeScale < 0 || Double.isNaN(timeScale)) {
            throw new IllegalArgumentException("timeScale must be >= 0");
        }
        this.timeScale = timeScale;
        this.wallNanos = wallNanos;
        this.startNanos = wallNanos.getAsLong();
    }

    /** A clock that only moves when told to. */
    public static SimClock frozen() {
        return new SimClock(0);
    }

    /** Milliseconds of sim time since the sandbox started. */
    public long millis() {
        long wallElapsedMillis = (wallNanos.getAsLong() - startNanos) / 1_000_000L;
        return (long) (wallElapsedMillis * timeScale) + offsetMillis.get();
    }

    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("sim time cannot go backwards");
        }
        offsetMillis.addAndGet(duration.toMillis());
    }

    public double timeScale() {
        return timeScale;
    }

    /** Wall-clock time that corresponds to {@code simDuration}, for handlers that must really wait (runsync). */
    Duration toWall(Duration simDuration) {
        return timeScale == 0 ? Duration.ZERO : Duration.ofNanos((long) (simDuration.toNanos() / timeScale));
    }
}
