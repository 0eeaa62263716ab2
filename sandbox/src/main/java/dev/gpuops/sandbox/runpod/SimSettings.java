package dev.gpuops.sandbox.runpod;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Tunables of the simulated service; all durations are sim time. */
final class SimSettings {

    volatile Duration defaultPullTime = Duration.ofSeconds(30);
    final Map<String, Duration> pullTimes = new ConcurrentHashMap<>();
    volatile Duration restartDelay = Duration.ofSeconds(10);
    volatile Duration jobDuration = Duration.ofSeconds(2);
    volatile Duration pingDuration = Duration.ofMillis(60);
    /** An RTX 4090 (ADA_24) flex worker, per second. */
    volatile double dollarsPerWorkerSecond = 0.00031;
    volatile boolean retryAfterOnRateLimit = true;
    volatile Set<String> omittedWorkerCounters = Set.of();
    /** Wall-clock delay before every response, to exercise client timeouts. */
    volatile Duration responseDelay = Duration.ZERO;

    Duration restartDelay() {
        return restartDelay;
    }

    Duration jobDuration() {
        return jobDuration;
    }

    Duration pingDuration() {
        return pingDuration;
    }

    long pullMillis(String image) {
        return pullTimes.getOrDefault(image, defaultPullTime).toMillis();
    }
}
