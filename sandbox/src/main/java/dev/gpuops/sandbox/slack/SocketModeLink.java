package dev.gpuops.sandbox.slack;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Slack's Socket Mode link: {@code apps.connections.open} hands out single-use {@code ws://} URLs; a connection gets
 * {@code hello}, then envelopes ({@code slash_commands}, {@code interactive}) that the app acks by
 * {@code envelope_id}, optionally with a response payload. {@link #disconnect(String)} sends Slack's
 * {@code disconnect} warning; the link then closes the warned connections once the app has opened a new one.
 * When {@linkplain #enable(boolean) enabled}, commands and clicks go over this link instead of HTTP, as for an app
 * with Socket Mode switched on.
 */
public final class SocketModeLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SocketModeLink.class);
    private static final String PATH = "/link/";

    private final Map<String, Boolean> tickets = new ConcurrentHashMap<>();
    private final Set<WebSocket> warned = ConcurrentHashMap.newKeySet();
    private final Map<String, CompletableFuture<String>> acks = new ConcurrentHashMap<>();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger urlsIssued = new AtomicInteger();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean enabled;
    private volatile Server server;

    SocketModeLink() {
    }

    /** On: commands and clicks are sent as envelopes over the app's connection; off: signed HTTP requests. */
    public void enable(boolean on) {
        this.enabled = on;
    }

    public boolean enabled() {
        return enabled;
    }

    /** How many connections the app opened with a valid ticket, in total. */
    public int connectionsOpened() {
        return opened.get();
    }

    /** How many URLs {@code apps.connections.open} handed out. */
    public int urlsIssued() {
        return urlsIssued.get();
    }

    /** Connections open right now, including warned ones the app has not left yet. */
    public int openConnections() {
        Server current = server;
        return current == null ? 0 : current.getConnections().size();
    }

    /**
     * Sends {@code {"type":"disconnect","reason":reason}} on every open connection, as Slack does before it
     * rotates a link ({@code warning}, {@code refresh_requested}, {@code link_disabled}).
     */
    public void disconnect(String reason) {
        Server current = server;
        if (current == null) {
            return;
        }
        ObjectNode frame = HttpExchanges.JSON.createObjectNode().put("type", "disconnect").put("reason", reason);
        frame.putObject("debug_info").put("host", "applink-sandbox");
        for (WebSocket connection : current.getConnections()) {
            warned.add(connection);
            connection.send(HttpExchanges.JSON.writeValueAsString(frame));
        }
    }

    /** {@code apps.connections.open}: a fresh single-use URL. */
    ObjectNode open() {
        Server current = running();
        String ticket = UUID.randomUUID().toString();
        tickets.put(ticket, Boolean.TRUE);
        urlsIssued.incrementAndGet();
        return SlackJson.ok().put("url", "ws://127.0.0.1:" + current.getPort() + PATH + "?ticket=" + ticket
                + "&app_id=" + SlackWorkspace.APP_ID);
    }

    /** What delivering one envelope came to: 200 with the ack's payload (or ""), or 0 with why nothing came. */
    record Delivery(int status, String body) {
    }

    /** Sends an envelope on the newest unwarned connection and waits up to {@code timeout} for its ack. */
    Delivery deliver(String type, JsonNode payload, boolean acceptsResponsePayload, Duration timeout) {
        WebSocket connection = current();
        if (connection == null) {
            return new Delivery(0, "no Socket Mode connection: the app has not connected with a URL from "
                    + "apps.connections.open");
        }
        String envelopeId = UUID.randomUUID().toString();
        ObjectNode envelope = HttpExchanges.JSON.createObjectNode().put("envelope_id", envelopeId);
        envelope.set("payload", payload);
        envelope.put("type", type).put("accepts_response_payload", acceptsResponsePayload);
        CompletableFuture<String> ack = new CompletableFuture<>();
        acks.put(envelopeId, ack);
        try {
            connection.send(HttpExchanges.JSON.writeValueAsString(envelope));
            return new Delivery(200, ack.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            return new Delivery(0, "operation_timeout: no ack for envelope " + envelopeId + " within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException | RuntimeException e) {
            return new Delivery(0, "dispatch_failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Delivery(0, "interrupted");
        } finally {
            acks.remove(envelopeId);
        }
    }

    private WebSocket current() {
        Server current = server;
        if (current == null) {
            return null;
        }
        WebSocket newest = null;
        for (WebSocket connection : current.getConnections()) {
            if (connection.isOpen() && !warned.contains(connection)) {
                newest = connection;
            }
        }
        return newest;
    }

    private synchronized Server running() {
        if (server == null) {
            Server created = new Server();
            created.setDaemon(true);
            created.setReuseAddr(true);
            created.start();
            try {
                if (!started.await(10, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the Socket Mode link did not start within 10 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting the Socket Mode link", e);
            }
            server = created;
        }
        return server;
    }

    private void accepted(WebSocket connection, ClientHandshake handshake) {
        String query = handshake.getResourceDescriptor();
        int at = query.indexOf("ticket=");
        String ticket = at < 0 ? "" : query.substring(at + "ticket=".length()).split("&", 2)[0];
        if (!query.startsWith(PATH) || tickets.remove(ticket) == null) {
            connection.close(CloseFrame.POLICY_VALIDATION, "invalid or used ticket: call apps.connections.open");
            return;
        }
        opened.incrementAndGet();
        for (WebSocket old : warned) {
            old.close(CloseFrame.NORMAL, "link rotated");
        }
        ObjectNode hello = HttpExchanges.JSON.createObjectNode().put("type", "hello")
                .put("num_connections", openConnections());
        hello.putObject("debug_info").put("host", "applink-sandbox").put("build_number", 1)
                .put("approximate_connection_time", 18060);
        hello.putObject("connection_info").put("app_id", SlackWorkspace.APP_ID);
        connection.send(HttpExchanges.JSON.writeValueAsString(hello));
    }

    private void received(String message) {
        JsonNode frame;
        try {
            frame = HttpExchanges.JSON.readTree(message);
        } catch (JacksonException e) {
            LOG.warn("slack sandbox: the app sent a frame that is not JSON: {}", message);
            return;
        }
        String envelopeId = frame.path("envelope_id").asString("");
        CompletableFuture<String> ack = acks.get(envelopeId);
        if (ack == null) {
            LOG.warn("slack sandbox: ack for an unknown or late envelope {}", envelopeId);
            return;
        }
        JsonNode payload = frame.path("payload");
        ack.complete(payload.isMissingNode() || payload.isNull() ? "" : HttpExchanges.JSON.writeValueAsString(payload));
    }

    @Override
    public synchronized void close() {
        Server current = server;
        server = null;
        if (current != null) {
            try {
                current.stop(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Server extends WebSocketServer {

        Server() {
            super(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        }

        @Override
        public void onOpen(WebSocket connection, ClientHandshake handshake) {
            accepted(connection, handshake);
        }

        @Override
        public void onClose(WebSocket connection, int code, String reason, boolean remote) {
            warned.remove(connection);
        }

        @Override
        public void onMessage(WebSocket connection, String message) {
            received(message);
        }

        @Override
        public void onError(WebSocket connection, Exception e) {
            LOG.debug("slack sandbox: Socket Mode connection error: {}", e.toString());
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }
}
