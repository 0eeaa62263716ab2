package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.health.HealthProbe;
import dev.gpuops.provider.health.ProbeAttempt;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * {@code http}: {@code health.url} answers 2xx (and {@code health.expectBody}) within the probe timeout. Without a
 * URL, {@code health.path} is probed on the target's address ({@code ssh.host}, or its Lambda instance's IP) and
 * {@code container.port} (80 without one), as the {@code http.health} step does.
 */
public final class HttpProbe implements Probe {

    private final HealthProbe http;
    private final ProbeHosts hosts;
    private final Duration timeout;

    public HttpProbe(HealthProbe http, ProbeHosts hosts, Duration timeout) {
        this.http = http;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "http";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        String url;
        try {
            url = url(check, target);
        } catch (ProbeHosts.Unresolved | ProviderException e) {
            return List.of(CheckResult.unknown(check.id(), "no address for health.path: " + Redactor.redact(
                    e.getMessage())));
        }
        if (url == null) {
            return List.of(CheckResult.ok(check.id(), "no health.url or health.path to probe"));
        }
        ProbeAttempt attempt = http.check(URI.create(url), timeout,
                target.health() == null ? null : target.health().expectBody());
        String evidence = url + ": " + attempt.describe().replaceFirst("^attempt 1: ", "");
        return List.of(attempt.healthy() ? CheckResult.ok(check.id(), evidence)
                : CheckResult.failing(check.id(), evidence + " (" + attempt.outcome().meaning() + ")"));
    }

    /** The check's {@code with.url}, else health.url, else address + port + health.path; null when none is set. */
    private String url(CheckDefinition check, Target target) {
        Target.Health health = target.health();
        String url = check.with().getOrDefault("url", health == null ? null : health.url());
        if (url != null && !url.isBlank()) {
            return url;
        }
        String path = check.with().getOrDefault("path", health == null ? null : health.path());
        if (path == null || path.isBlank()) {
            return null;
        }
        Integer port = target.container() == null ? null : target.container().port();
        return "http://" + hosts.httpHost(target) + (port == null ? "" : ":" + port)
                + (path.startsWith("/") ? path : "/" + path);
    }
}
