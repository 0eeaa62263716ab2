package dev.gpuops.sandbox.support;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The shape every plain REST simulator with an API key shares (Lambda, Vast): a loopback server under a versioned
 * path prefix, the key requests must present as {@code Authorization: Bearer <key>}, the exchanges it answered, and
 * the {@code slow} fault's pause. A simulator adds only its routes, its state and its vendor's error envelope.
 */
public abstract class BearerRestSimulator implements AutoCloseable {

    private final String prefix;
    private final String apiKey;
    private final Duration slowDelay;
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();
    private LoopbackHttpServer server;

    protected BearerRestSimulator(String prefix, Options<?> options) {
        this.prefix = prefix;
        this.apiKey = options.apiKey;
        this.slowDelay = options.slowDelay;
    }

    /** Starts answering; the last line of a subclass constructor, once its state exists. */
    protected final void listen(String name) {
        try {
            server = LoopbackHttpServer.start(this::handle);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the " + name + " simulator", e);
        }
    }

    protected abstract void handle(HttpExchange exchange) throws IOException;

    /** The API root on 127.0.0.1, already ending in the version prefix: what a client's API URL is set to. */
    public String baseUrl() {
        return server.baseUrl() + prefix;
    }

    /** The key requests must present as {@code Authorization: Bearer <key>}. */
    public String apiKey() {
        return apiKey;
    }

    public List<RecordedExchange> exchanges() {
        return List.copyOf(exchanges);
    }

    public void clearExchanges() {
        exchanges.clear();
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }

    protected final String prefix() {
        return prefix;
    }

    protected final boolean bearerAccepted(HttpExchange exchange) {
        return ("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"));
    }

    protected final void record(RecordedExchange exchange) {
        exchanges.add(exchange);
    }

    /** The {@code slow} fault: this request answers after the configured delay. */
    protected final void pauseSlowly() {
        try {
            Thread.sleep(slowDelay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The options every such simulator takes; durations are in the given clock's time, so a demo can scale them. */
    public abstract static class Options<B extends Options<B>> {
        private String apiKey;
        private Clock clock = Clock.systemUTC();
        private Duration slowDelay = Duration.ofSeconds(2);

        protected Options(String defaultApiKey) {
            this.apiKey = defaultApiKey;
        }

        protected abstract B self();

        public B apiKey(String key) {
            this.apiKey = key;
            return self();
        }

        public B clock(Clock c) {
            this.clock = c;
            return self();
        }

        /** How long a request answered with the {@code slow} fault takes. */
        public B slowDelay(Duration d) {
            this.slowDelay = d;
            return self();
        }

        public Clock clock() {
            return clock;
        }
    }
}
