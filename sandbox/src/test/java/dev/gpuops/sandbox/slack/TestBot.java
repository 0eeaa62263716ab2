package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for the gpuops bot's {@code /slack/events}: verifies Slack's signature like Bolt does (401 otherwise),
 * records each command and answers with whatever the test's responder returns.
 */
final class TestBot implements AutoCloseable {

    record Received(Map<String, String> form, String body, String timestamp, String signature) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();

    TestBot(String signingSecret, Function<Received, String> responder) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/slack/events", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                String timestamp = exchange.getRequestHeaders().getFirst(SlackSignature.TIMESTAMP_HEADER);
                String signature = exchange.getRequestHeaders().getFirst(SlackSignature.SIGNATURE_HEADER);
                boolean fresh = timestamp != null && timestamp.matches("\\d+")
                        && Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(timestamp)) <= 300;
                byte[] answer;
                int status;
                if (fresh && SlackSignature.verify(signingSecret, timestamp, body, signature)) {
                    Received request = new Received(HttpExchanges.parseForm(body), body, timestamp, signature);
                    received.add(request);
                    answer = responder.apply(request).getBytes(StandardCharsets.UTF_8);
                    status = 200;
                } else {
                    answer = "{\"error\":\"invalid request\"}".getBytes(StandardCharsets.UTF_8);
                    status = 401;
                }
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(answer);
                }
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/slack/events");
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
