package dev.gpuops.provider.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.gpuops.sandbox.support.SettableClock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HealthProbeTest {

    private final SettableClock clock = new SettableClock();
    private final List<Duration> sleeps = new ArrayList<>();
    private final HealthProbe probe = new HealthProbe(d -> {
        sleeps.add(d);
        clock.advance(d);
    }, clock);
    private final Deque<Response> script = new ArrayDeque<>();
    private final CountDownLatch release = new CountDownLatch(1);
    private HttpServer server;

    private record Response(int status, String body) {
    }

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", this::answer);
        server.createContext("/slow", exchange -> {
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            send(exchange, new Response(200, "late"));
        });
        server.start();
    }

    @AfterEach
    void stopServer() {
        release.countDown();
        server.stop(0);
    }

    @Test
    void healthyOn200WithExpectedBody() {
        script.add(new Response(200, "{\"status\":\"ok\"}"));

        ProbeAttempt attempt = probe.check(url("/health"), Duration.ofSeconds(2), "\"ok\"");

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.HEALTHY);
        assertThat(attempt.status()).isEqualTo(200);
    }

    @Test
    void non2xxCarriesStatusAndBody() {
        script.add(new Response(503, "model loading"));

        ProbeAttempt attempt = probe.check(url("/health"), Duration.ofSeconds(2), null);

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.NON_2XX);
        assertThat(attempt.status()).isEqualTo(503);
        assertThat(attempt.describe()).contains("HTTP 503").contains("model loading");
    }

    @Test
    void bodyMismatchWhenExpectedTextIsMissing() {
        script.add(new Response(200, "{\"status\":\"starting\"}"));

        ProbeAttempt attempt = probe.check(url("/health"), Duration.ofSeconds(2), "\"ok\"");

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.BODY_MISMATCH);
        assertThat(attempt.detail()).contains("starting");
    }

    @Test
    void refusedWhenNothingListens() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        ProbeAttempt attempt = probe.check(URI.create("http://127.0.0.1:" + port + "/health"),
                Duration.ofSeconds(2), null);

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.REFUSED);
        assertThat(attempt.outcome().looksLikeBooting()).isTrue();
    }

    @Test
    void resetWhenTheServerDropsTheConnection() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread dropper = Thread.ofVirtual().start(() -> dropConnections(socket));
            ProbeAttempt attempt = probe.check(URI.create("http://127.0.0.1:" + socket.getLocalPort() + "/health"),
                    Duration.ofSeconds(2), null);
            dropper.interrupt();

            assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.RESET);
            assertThat(attempt.outcome().looksLikeBooting()).isFalse();
        }
    }

    @Test
    void timeoutWhenTheServerIsTooSlow() {
        ProbeAttempt attempt = probe.check(url("/slow"), Duration.ofMillis(300), null);

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.TIMEOUT);
        assertThat(attempt.detail()).contains("300 ms");
    }

    @Test
    void dnsWhenTheHostDoesNotResolve() {
        ProbeAttempt attempt = probe.check(URI.create("http://no-such-host.invalid/health"),
                Duration.ofSeconds(2), null);

        assertThat(attempt.outcome()).isEqualTo(ProbeOutcome.DNS);
    }

    @Test
    void waitsTheInitialDelayThenPollsUntilHealthy() throws Exception {
        script.add(new Response(503, "loading"));
        script.add(new Response(503, "loading"));
        script.add(new Response(200, "{\"status\":\"ok\"}"));
        List<ProbeAttempt> seen = new ArrayList<>();

        ProbeReport report = probe.await(ProbeSpec.of(url("/health")).withInitialDelay(Duration.ofMinutes(2))
                .withInterval(Duration.ofSeconds(10)).withTimeout(Duration.ofMinutes(1)), seen::add, () -> false);

        assertThat(report.healthy()).isTrue();
        assertThat(report.attempts()).extracting(ProbeAttempt::outcome)
                .containsExactly(ProbeOutcome.NON_2XX, ProbeOutcome.NON_2XX, ProbeOutcome.HEALTHY);
        assertThat(seen).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofMinutes(2), Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(report.history()).contains("attempt 1: NON_2XX HTTP 503").contains("attempt 3: HEALTHY");
    }

    @Test
    void givesUpAtTheDeadlineWithTheWholeHistory() throws Exception {
        for (int i = 0; i < 10; i++) {
            script.add(new Response(503, "still loading"));
        }

        ProbeReport report = probe.await(ProbeSpec.of(url("/health")).withInterval(Duration.ofSeconds(10))
                .withTimeout(Duration.ofSeconds(25)), a -> { }, () -> false);

        assertThat(report.healthy()).isFalse();
        assertThat(report.cancelled()).isFalse();
        // t=0, 10, 20, then a last try exactly at the 25 s deadline
        assertThat(report.attempts()).hasSize(4);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(5));
        assertThat(report.last().status()).isEqualTo(503);
    }

    @Test
    void stopsWhenCancelled() throws Exception {
        script.add(new Response(503, "loading"));
        script.add(new Response(503, "loading"));
        List<ProbeAttempt> seen = new ArrayList<>();

        ProbeReport report = probe.await(ProbeSpec.of(url("/health")).withTimeout(Duration.ofMinutes(5)),
                seen::add, () -> !seen.isEmpty());

        assertThat(report.cancelled()).isTrue();
        assertThat(report.healthy()).isFalse();
        assertThat(report.attempts()).hasSize(1);
    }

    private void answer(HttpExchange exchange) throws IOException {
        Response next;
        synchronized (script) {
            next = script.isEmpty() ? new Response(500, "script exhausted") : script.poll();
        }
        send(exchange, next);
    }

    private static void send(HttpExchange exchange, Response response) throws IOException {
        byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(response.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Accepts and immediately resets every connection, like a process that crashes as requests arrive. */
    private static void dropConnections(ServerSocket socket) {
        while (!Thread.currentThread().isInterrupted()) {
            try (Socket client = socket.accept()) {
                client.setSoLinger(true, 0);
            } catch (IOException e) {
                return;
            }
        }
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }
}
