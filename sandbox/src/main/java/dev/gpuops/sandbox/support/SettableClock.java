package dev.gpuops.sandbox.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The one clock tests move by hand, shared by simulators and the code under test so that time-driven state
 * (launches, refresh progress, rate limits, waits) is exact and nothing really sleeps. {@link #sleep} is a pause on
 * this clock: it is recorded and moves time; pass {@code clock::sleep} wherever a sleeper is wanted. A test that
 * needs to control interleaving can hold long pauses until it {@linkplain #release() releases} them.
 */
public final class SettableClock extends Clock {

    /** Where a clock made without a start begins: a fixed night, so log lines and ids read the same each run. */
    public static final Instant DEFAULT_START = Instant.parse("2026-11-23T03:00:00Z");

    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private final AtomicInteger held = new AtomicInteger();
    private volatile CountDownLatch hold;
    private volatile Duration holdThreshold = Duration.ZERO;

    public SettableClock() {
        this(DEFAULT_START);
    }

    public SettableClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration by) {
        now.accumulateAndGet(Instant.MIN, (current, ignored) -> current.plus(by));
    }

    public void set(Instant instant) {
        now.set(instant);
    }

    /**
     * A pause that costs no real time: recorded, then the clock moves by {@code duration}. It still is a pause point:
     * an interrupted thread stops here, and other threads get to run.
     */
    public void sleep(Duration duration) throws InterruptedException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedException("interrupted while pausing on the test clock");
        }
        CountDownLatch gate = hold;
        if (gate != null && duration.compareTo(holdThreshold) >= 0) {
            held.incrementAndGet();
            try {
                gate.await();
            } finally {
                held.decrementAndGet();
            }
        }
        sleeps.add(duration);
        advance(duration);
        Thread.yield();
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    public Duration totalSlept() {
        return sleeps.stream().reduce(Duration.ZERO, Duration::plus);
    }

    /** Pauses of at least {@code threshold} block until {@link #release()}; shorter ones pass. */
    public void holdSleepsOfAtLeast(Duration threshold) {
        holdThreshold = threshold;
        hold = new CountDownLatch(1);
    }

    /** How many pauses are blocked right now. */
    public int held() {
        return held.get();
    }

    public void release() {
        CountDownLatch gate = hold;
        hold = null;
        if (gate != null) {
            gate.countDown();
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

    @Override
    public Instant instant() {
        return now.get();
    }
}
