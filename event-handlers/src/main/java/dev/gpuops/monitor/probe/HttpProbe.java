package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.health.HealthProbe;
import dev.gpuops.provider.health.ProbeAttempt;
import dev.gpuops.target.Target;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** {@code http}: {@code health.url} answers 2xx (and {@code health.expectBody}) within the probe timeout. */
public final class HttpProbe implements Probe {

    private final HealthProbe http;
    private final Duration timeout;

    public HttpProbe(HealthProbe http, Duration timeout) {
        this.http = http;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "http";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        String url = check.with().getOrDefault("url", target.health() == null ? null : target.health().url());
        if (url == null || url.isBlank()) {
            return List.of(CheckResult.ok(check.id(), "no health.url to probe"));
        }
        ProbeAttempt attempt = http.check(URI.create(url), timeout,
                target.health() == null ? null : target.health().expectBody());
        String evidence = url + ": " + attempt.describe().replaceFirst("^attempt 1: ", "");
        return List.of(attempt.healthy() ? CheckResult.ok(check.id(), evidence)
                : CheckResult.failing(check.id(), evidence + " (" + attempt.outcome().meaning() + ")"));
    }
}
