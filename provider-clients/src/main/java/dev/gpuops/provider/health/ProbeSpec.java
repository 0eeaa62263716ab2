package dev.gpuops.provider.health;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * What to probe and for how long.
 *
 * @param initialDelay   first-boot grace: no request before it (model download, GPU init)
 * @param timeout        how long to keep trying after the initial delay
 * @param interval       pause between requests
 * @param requestTimeout limit for one request, connect included
 * @param expectBody     substring the 2xx body must contain, or null for any body
 */
public record ProbeSpec(URI url, Duration initialDelay, Duration timeout, Duration interval, Duration requestTimeout,
                        String expectBody) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(5);

    public ProbeSpec {
        Objects.requireNonNull(url, "url");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
            throw new IllegalArgumentException("health URL must be http(s)://host[:port]/path, not '" + url + "'");
        }
        initialDelay = initialDelay == null ? Duration.ZERO : initialDelay;
        timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        interval = interval == null || interval.isZero() ? DEFAULT_INTERVAL : interval;
        requestTimeout = requestTimeout == null || requestTimeout.isZero() ? DEFAULT_REQUEST_TIMEOUT : requestTimeout;
        if (initialDelay.isNegative() || timeout.isNegative() || interval.isNegative()) {
            throw new IllegalArgumentException("health probe durations must not be negative");
        }
    }

    /** A single request with defaults; adjust with the {@code with*} methods. */
    public static ProbeSpec of(URI url) {
        return new ProbeSpec(url, null, null, null, null, null);
    }

    public ProbeSpec withInitialDelay(Duration value) {
        return new ProbeSpec(url, value, timeout, interval, requestTimeout, expectBody);
    }

    public ProbeSpec withTimeout(Duration value) {
        return new ProbeSpec(url, initialDelay, value, interval, requestTimeout, expectBody);
    }

    public ProbeSpec withInterval(Duration value) {
        return new ProbeSpec(url, initialDelay, timeout, value, requestTimeout, expectBody);
    }

    public ProbeSpec withRequestTimeout(Duration value) {
        return new ProbeSpec(url, initialDelay, timeout, interval, value, expectBody);
    }

    public ProbeSpec withExpectBody(String value) {
        return new ProbeSpec(url, initialDelay, timeout, interval, requestTimeout, value);
    }
}
