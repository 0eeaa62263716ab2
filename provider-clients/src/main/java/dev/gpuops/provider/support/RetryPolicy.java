package dev.gpuops.provider.support;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.random.RandomGenerator;

/**
 * Bounded, jittered retries for idempotent calls. Only {@link ProviderException#retryable()} failures are retried
 * (connect/timeout, 429, 5xx); a 429's {@code Retry-After} is honoured, and when it is absent (Vast) the policy
 * backs off exponentially instead.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Sleeper sleeper,
                          RandomGenerator random) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(sleeper, "sleeper");
        Objects.requireNonNull(random, "random");
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(4, Duration.ofMillis(250), Duration.ofSeconds(20), Sleeper.SYSTEM,
                RandomGenerator.getDefault());
    }

    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Sleeper.SYSTEM, RandomGenerator.getDefault());
    }

    public RetryPolicy withSleeper(Sleeper newSleeper) {
        return new RetryPolicy(maxAttempts, baseDelay, maxDelay, newSleeper, random);
    }

    public RetryPolicy withMaxAttempts(int attempts) {
        return new RetryPolicy(attempts, baseDelay, maxDelay, sleeper, random);
    }

    /** Runs {@code call}; retries only when {@code idempotent} and the failure is retryable. */
    public <T> T run(boolean idempotent, Callable<T> call) {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.call();
            } catch (ProviderException e) {
                if (!idempotent || !e.retryable() || attempt >= maxAttempts) {
                    throw e;
                }
                pause(delayFor(e, attempt));
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** The wait before attempt {@code attempt + 1}. */
    public Duration delayFor(ProviderException failure, int attempt) {
        Optional<Duration> hinted = failure instanceof ProviderException.RateLimited limited
                ? limited.retryAfter() : Optional.empty();
        if (hinted.isPresent()) {
            Duration hint = hinted.get();
            return hint.compareTo(maxDelay) > 0 ? maxDelay : hint;
        }
        long base = baseDelay.toMillis() << Math.min(attempt - 1, 16);
        long capped = Math.min(base, maxDelay.toMillis());
        // full jitter in [capped/2, capped] keeps retries from synchronising across callers
        long jittered = capped / 2 + (capped <= 1 ? 0 : random.nextLong(capped / 2 + 1));
        return Duration.ofMillis(jittered);
    }

    private void pause(Duration delay) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProviderException.Transient("retry", 0, null, "interrupted while waiting to retry", e);
        }
    }
}
