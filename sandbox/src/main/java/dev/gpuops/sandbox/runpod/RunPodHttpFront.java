package dev.gpuops.sandbox.runpod;

import com.sun.net.httpserver.HttpExchange;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The RunPod sandbox's HTTP side: one loopback server that authenticates each request the way its API does, routes
 * it to the queue, GraphQL or REST API, applies injected HTTP failures and the response delay, and records what
 * passed. The simulated RunPod itself lives in {@link RunPodWorld}.
 */
final class RunPodHttpFront implements AutoCloseable {

    private final String apiKey;
    private final SimSettings settings;
    private final QueueApi queue;
    private final GraphqlApi graphql;
    private final RestApi rest;
    private final LoopbackHttpServer server;
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger injectedLeft = new AtomicInteger();
    private final AtomicReference<Reply> injected = new AtomicReference<>();

    RunPodHttpFront(String apiKey, SimSettings settings, QueueApi queue, GraphqlApi graphql, RestApi rest) {
        this.apiKey = apiKey;
        this.settings = settings;
        this.queue = queue;
        this.graphql = graphql;
        this.rest = rest;
        try {
            server = LoopbackHttpServer.start(this::serve);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the RunPod sandbox on 127.0.0.1", e);
        }
    }

    String baseUrl() {
        return server.baseUrl();
    }

    /** The next {@code count} authenticated requests get {@code status} (500, 503, 429…) instead of an answer. */
    void failNext(int count, int status, Integer retryAfterSeconds) {
        Reply reply = Reply.error(status, status == 429 ? "Too Many Requests" : "Internal Server Error");
        injected.set(retryAfterSeconds == null ? reply : reply.withHeader("Retry-After", "" + retryAfterSeconds));
        injectedLeft.set(count);
    }

    List<String> received() {
        return List.copyOf(received);
    }

    List<RecordedExchange> requests() {
        return List.copyOf(exchanges);
    }

    void clearRequests() {
        exchanges.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            received.add(exchange.getRequestMethod() + " " + path);
            String api = path.startsWith("/v2/") ? "queue" : path.equals("/graphql") ? "graphql"
                    : path.startsWith("/v1/") ? "rest" : "none";
            String body = LoopbackHttpServer.requestBody(exchange);
            SimRequest request = new SimRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            String scheme = Auth.scheme(request, api);
            boolean accepted = Auth.accepts(request, api, apiKey);
            Reply reply = accepted ? safeRoute(api, request) : Auth.rejection(api);
            if (!settings.responseDelay.isZero()) {
                Thread.sleep(settings.responseDelay);
            }
            exchanges.add(new RecordedExchange(api, request.method(), path, Auth.scrubQuery(request.query()), null,
                    scheme, accepted, RecordedExchange.present(java.util.Collections.singletonMap("Content-Type",
                            request.header("Content-Type").orElse(null))), body, reply.status(), java.util.Map.of(),
                    reply.body()));
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bug in the sandbox answers 500 with its cause, so a test sees it instead of a dropped connection. */
    private Reply safeRoute(String api, SimRequest request) throws InterruptedException {
        try {
            return route(api, request);
        } catch (RuntimeException e) {
            return Reply.error(500, "RunPod sandbox failed: " + e);
        }
    }

    private Reply route(String api, SimRequest request) throws InterruptedException {
        if (injectedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return injected.get();
        }
        return switch (api) {
            case "queue" -> queue.handle(request);
            case "graphql" -> graphql.handle(request);
            case "rest" -> rest.handle(request);
            default -> Reply.error(404, "not found");
        };
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
