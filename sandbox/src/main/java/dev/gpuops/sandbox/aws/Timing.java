package dev.gpuops.sandbox.aws;

import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;

/**
 * How long simulated AWS takes, so demos can watch a refresh crawl and tests can make it instant.
 *
 * @param instanceLaunch      Pending → InService
 * @param instanceTermination Terminating → gone
 * @param refreshStep         an instance refresh moves one step (Pending → InProgress, then one instance) per step
 * @param cooldown            how long after a capacity change {@code HonorCooldown=true} is refused
 */
public record Timing(Duration instanceLaunch, Duration instanceTermination, Duration refreshStep, Duration cooldown) {

    public Timing {
        if (refreshStep.isZero() || refreshStep.isNegative()) {
            throw new IllegalArgumentException("refreshStep must be positive");
        }
    }

    /** Roughly watchable in a demo: seconds, not AWS's minutes. */
    public static Timing demo() {
        return new Timing(Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(10));
    }

    /** For tests that drive a {@link SettableClock}: one second per step. */
    public static Timing steps() {
        return new Timing(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public static Timing of(Duration launch, Duration refreshStep) {
        return new Timing(launch, launch, refreshStep, Duration.ofSeconds(60));
    }
}
