package dev.gpuops.provider.health;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Polls an HTTP health URL until it answers 2xx (with the expected body, if any), the deadline passes or the caller
 * cancels. Each failed request is classified ({@link ProbeOutcome}) so "VM still booting" and "app crashed" read
 * differently. Waits go through the injected {@link Sleeper} and time through the injected {@link Clock}.
 */
public final class HealthProbe {

    private final HttpClient client;
    private final Sleeper sleeper;
    private final Clock clock;

    public HealthProbe(Sleeper sleeper, Clock clock) {
        this(HttpClient.newBuilder()
                .connectTimeout(ProbeSpec.DEFAULT_REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build(), sleeper, clock);
    }

    public HealthProbe(HttpClient client, Sleeper sleeper, Clock clock) {
        this.client = client;
        this.sleeper = sleeper;
        this.clock = clock;
    }

    /**
     * Probes until healthy or out of time.
     *
     * @param onAttempt told about every request as it completes (progress lines)
     * @param cancelled polled before each request
     */
    public ProbeReport await(ProbeSpec spec, Consumer<ProbeAttempt> onAttempt, BooleanSupplier cancelled)
            throws InterruptedException {
        Instant deadline = clock.instant().plus(spec.initialDelay()).plus(spec.timeout());
        if (spec.initialDelay().isPositive()) {
            sleeper.sleep(spec.initialDelay());
        }
        List<ProbeAttempt> attempts = new ArrayList<>();
        while (true) {
            if (cancelled.getAsBoolean()) {
                return new ProbeReport(spec.url(), false, attempts, true);
            }
            ProbeAttempt attempt = check(attempts.size() + 1, spec);
            attempts.add(attempt);
            onAttempt.accept(attempt);
            Instant now = clock.instant();
            if (attempt.healthy() || !now.isBefore(deadline)) {
                return new ProbeReport(spec.url(), attempt.healthy(), attempts, false);
            }
            Duration left = Duration.between(now, deadline);
            sleeper.sleep(left.compareTo(spec.interval()) < 0 ? left : spec.interval());
        }
    }

    /** One request, classified. Never throws for network trouble: that is what it reports. */
    public ProbeAttempt check(URI url, Duration requestTimeout, String expectBody) {
        return check(1, ProbeSpec.of(url).withRequestTimeout(requestTimeout).withExpectBody(expectBody));
    }

    private ProbeAttempt check(int number, ProbeSpec spec) {
        Instant at = clock.instant();
        HttpRequest request = HttpRequest.newBuilder(spec.url()).timeout(spec.requestTimeout()).GET().build();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return judge(number, at, response, spec.expectBody());
        } catch (IOException | IllegalArgumentException e) {
            return new ProbeAttempt(number, at, classify(e), 0, Redactor.redact(describe(e, spec)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ProbeAttempt(number, at, ProbeOutcome.ERROR, 0, "interrupted");
        }
    }

    private static ProbeAttempt judge(int number, Instant at, HttpResponse<String> response, String expectBody) {
        int status = response.statusCode();
        String body = response.body() == null ? "" : response.body();
        String snippet = Redactor.redact(JsonHttp.abbreviate(body.length() > 200 ? body.substring(0, 200) : body));
        if (status < 200 || status >= 300) {
            return new ProbeAttempt(number, at, ProbeOutcome.NON_2XX, status, snippet);
        }
        if (expectBody != null && !expectBody.isEmpty() && !body.contains(expectBody)) {
            return new ProbeAttempt(number, at, ProbeOutcome.BODY_MISMATCH, status,
                    "expected the body to contain '" + expectBody + "', got: " + snippet);
        }
        return new ProbeAttempt(number, at, ProbeOutcome.HEALTHY, status, snippet);
    }

    static ProbeOutcome classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            switch (t) {
                case HttpConnectTimeoutException e -> {
                    return ProbeOutcome.TIMEOUT;
                }
                case HttpTimeoutException e -> {
                    return ProbeOutcome.TIMEOUT;
                }
                case UnknownHostException e -> {
                    return ProbeOutcome.DNS;
                }
                case UnresolvedAddressException e -> {
                    return ProbeOutcome.DNS;
                }
                case NoRouteToHostException e -> {
                    return ProbeOutcome.UNREACHABLE;
                }
                default -> {
                }
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("network is unreachable") || message.contains("no route to host")) {
                return ProbeOutcome.UNREACHABLE;
            }
            if (message.contains("connection refused")) {
                return ProbeOutcome.REFUSED;
            }
            if (message.contains("reset") || message.contains("received no bytes") || message.contains("closed")
                    || message.contains("broken pipe") || t instanceof EOFException) {
                return ProbeOutcome.RESET;
            }
        }
        if (failure instanceof ConnectException) {
            return ProbeOutcome.REFUSED;
        }
        return failure instanceof SocketException ? ProbeOutcome.RESET : ProbeOutcome.ERROR;
    }

    private static String describe(Throwable failure, ProbeSpec spec) {
        ProbeOutcome outcome = classify(failure);
        if (outcome == ProbeOutcome.TIMEOUT) {
            return "no answer within " + spec.requestTimeout().toMillis() + " ms";
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String text = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        return outcome.meaning() + " (" + text + ")";
    }
}
