package dev.gpuops.provider.lambda;

import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.provider.support.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the waits a retry policy asks for instead of sleeping. */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @Override
    public void sleep(Duration duration) {
        sleeps.add(duration);
    }

    public List<Duration> sleeps() {
        return List.copyOf(sleeps);
    }

    /** Four attempts, 250 ms base, seeded jitter: deterministic waits, nothing really sleeps. */
    public RetryPolicy policy() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(20), this, new SplittableRandom(7));
    }
}
