package dev.gpuops.sandbox.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The HTTP server every simulator runs on: bound to 127.0.0.1 only (never reachable from elsewhere), on a free port
 * unless told otherwise, each exchange on its own virtual thread. Closing stops it at once.
 */
public final class LoopbackHttpServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;

    private LoopbackHttpServer(int port, int backlog, Map<String, HttpHandler> contexts) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), backlog);
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        contexts.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
    }

    /** One handler for every path, on a free port. */
    public static LoopbackHttpServer start(HttpHandler handler) throws IOException {
        return start(0, 0, Map.of("/", handler));
    }

    /**
     * @param port     0 picks a free port
     * @param backlog  0 takes the system default
     * @param contexts path prefix → handler, created in the map's order
     */
    public static LoopbackHttpServer start(int port, int backlog, Map<String, HttpHandler> contexts)
            throws IOException {
        return new LoopbackHttpServer(port, backlog, contexts);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT}, without a trailing slash. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /** The request body as UTF-8 text. */
    public static String requestBody(HttpExchange exchange) throws IOException {
        return new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    }

    /** Sends the whole answer with a Content-Length and closes the exchange; a client that gave up is no error. */
    public static void reply(HttpExchange exchange, int status, Map<String, String> headers, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        headers.forEach(exchange.getResponseHeaders()::set);
        try (exchange) {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        } catch (IOException e) {
            // the client gave up (a timeout test): nothing left to answer
        }
    }
}
