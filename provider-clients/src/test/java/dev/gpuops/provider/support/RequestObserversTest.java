package dev.gpuops.provider.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RequestObserversTest {

    private final List<String> seen = new CopyOnWriteArrayList<>();
    private final RequestObservers.Observer observer = (provider, status) -> seen.add(provider + " " + status);
    private HttpServer server;

    @AfterEach
    void stop() {
        RequestObservers.remove(observer);
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void everyExchangeIsReportedWithItsStatusIncludingErrors() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/busy", exchange -> {
            exchange.sendResponseHeaders(429, -1);
            exchange.close();
        });
        server.start();
        RequestObservers.add(observer);
        JsonHttp http = new JsonHttp("vast", Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none(),
                (status, body, headers) -> new ProviderException.RateLimited("vast", status, null, "slow down",
                        null));
        String base = "http://127.0.0.1:" + server.getAddress().getPort();

        http.send(HttpRequest.newBuilder(URI.create(base + "/ok")).GET(), true);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create(base + "/busy")).GET(), true))
                .isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + closedPort()
                + "/x")).GET(), true)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("cannot connect");

        assertThat(seen).containsExactly("vast 200", "vast 429", "vast 0");
    }

    @Test
    void aFailingObserverNeverFailsTheCall() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/ok", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        RequestObservers.Observer broken = (provider, status) -> {
            throw new IllegalStateException("observer bug");
        };
        RequestObservers.add(broken);
        RequestObservers.add(observer);
        try {
            JsonHttp http = new JsonHttp("runpod", Duration.ofSeconds(2), Duration.ofSeconds(5), RetryPolicy.none(),
                    (status, body, headers) -> new ProviderException.Transient("runpod", status, null, "x", null));
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.getAddress().getPort()
                    + "/ok")).GET(), true);
        } finally {
            RequestObservers.remove(broken);
        }
        assertThat(seen).containsExactly("runpod 200");
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
