package dev.gpuops.bot.notify;

import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when someone sleeps on it: the notifier's waits cost no real time, and a sandbox sharing
 * the clock records call times as if they had been real. A test can hold the next sleeper to control interleaving.
 */
final class TestClock extends Clock implements Sleeper {

    private final AtomicReference<Instant> now;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch hold;
    private volatile Duration holdThreshold = Duration.ZERO;
    private final java.util.concurrent.atomic.AtomicInteger held = new java.util.concurrent.atomic.AtomicInteger();

    TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    @Override
    public void sleep(Duration duration) throws InterruptedException {
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
        now.accumulateAndGet(Instant.MIN, (current, ignored) -> current.plus(duration));
    }

    /** Sleeps of at least {@code threshold} block until {@link #release()}; shorter ones pass. */
    void holdSleepsOfAtLeast(Duration threshold) {
        holdThreshold = threshold;
        hold = new CountDownLatch(1);
    }

    /** How many sleepers are blocked right now. */
    int held() {
        return held.get();
    }

    void release() {
        CountDownLatch gate = hold;
        hold = null;
        if (gate != null) {
            gate.countDown();
        }
    }

    List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    @Override
    public Instant instant() {
        return now.get();
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
