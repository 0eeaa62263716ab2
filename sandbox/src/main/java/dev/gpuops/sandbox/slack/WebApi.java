package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /api/<method>}: Slack's Web API wire protocol. Auth errors and logical errors are HTTP 200 with
 * {@code ok:false}; rate limits are HTTP 429 with {@code Retry-After}. Every call is recorded for assertions.
 */
final class WebApi implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(WebApi.class);
    private static final int MAX_RECORDED_CALLS = 50_000;
    private static final String OPEN_CONNECTION = "apps.connections.open";

    private final SlackWorkspace workspace;
    private final WebApiMethods methods;
    private final RateLimits rateLimits;
    private final Supplier<String> botToken;
    private final Supplier<String> appToken;
    private final SocketModeLink socketMode;
    private final Deque<ApiCall> calls = new ArrayDeque<>();

    WebApi(SlackWorkspace workspace, WebApiMethods methods, RateLimits rateLimits, Supplier<String> botToken,
           Supplier<String> appToken, SocketModeLink socketMode) {
        this.workspace = workspace;
        this.methods = methods;
        this.rateLimits = rateLimits;
        this.botToken = botToken;
        this.appToken = appToken;
        this.socketMode = socketMode;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestURI().getPath().substring("/api/".length());
            Instant at = workspace.now();
            Map<String, String> params;
            try {
                params = params(exchange);
            } catch (JacksonException e) {
                reply(exchange, method, null, at, 200, SlackJson.error("invalid_json"));
                return;
            }
            String channel = channelOf(params);
            Optional<String> authError = authError(exchange, params, method);
            if (authError.isPresent()) {
                reply(exchange, method, channel, at, 200, SlackJson.error(authError.get()));
                return;
            }
            Optional<Duration> retryAfter = rateLimits.check(method, channel, at);
            if (retryAfter.isPresent()) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(retryAfter.get().toSeconds()));
                reply(exchange, method, channel, at, 429, SlackJson.error("ratelimited"));
                return;
            }
            reply(exchange, method, channel, at, 200, answer(method, params));
        }
    }

    private ObjectNode answer(String method, Map<String, String> params) {
        Optional<String> injected = rateLimits.injectedError(method);
        if (injected.isPresent()) {
            return SlackJson.error(injected.get());
        }
        if (OPEN_CONNECTION.equals(method)) {
            return socketMode.open();
        }
        try {
            return methods.call(method, params);
        } catch (SlackError e) {
            return SlackJson.error(e.code());
        }
    }

    private Map<String, String> params(HttpExchange exchange) throws IOException {
        Map<String, String> params = HttpExchanges.parseForm(exchange.getRequestURI().getRawQuery());
        String body = HttpExchanges.body(exchange);
        String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
        if (contentType.startsWith("application/json")) {
            params.putAll(HttpExchanges.jsonParams(body));
            // Slack reads a JSON body's token only from the Authorization header
            params.remove("token");
        } else {
            params.putAll(HttpExchanges.parseForm(body));
        }
        return params;
    }

    /** apps.connections.open takes only the app-level token ({@code xapp-}); every other method only the bot's. */
    private Optional<String> authError(HttpExchange exchange, Map<String, String> params, String method) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ") ? header.substring(7).strip()
                : params.get("token");
        if (token == null || token.isBlank()) {
            return Optional.of("not_authed");
        }
        boolean appMethod = OPEN_CONNECTION.equals(method);
        if (token.equals(appMethod ? appToken.get() : botToken.get())) {
            return Optional.empty();
        }
        boolean otherKnownToken = token.equals(appMethod ? botToken.get() : appToken.get());
        return Optional.of(otherKnownToken ? "not_allowed_token_type" : "invalid_auth");
    }

    private String channelOf(Map<String, String> params) {
        String raw = params.get("channel");
        if (raw == null) {
            return null;
        }
        return workspace.channel(raw).map(SlackChannel::id).orElse(raw);
    }

    private void reply(HttpExchange exchange, String method, String channel, Instant at, int status, ObjectNode body)
            throws IOException {
        boolean ok = body.path("ok").asBoolean(false);
        String error = ok ? null : body.path("error").asString(null);
        record(new ApiCall(method, channel, at, status, ok, error));
        if (!ok) {
            LOG.debug("slack sandbox {} -> {} {}", method, status, error);
        }
        HttpExchanges.sendJson(exchange, status, body);
    }

    private synchronized void record(ApiCall call) {
        if (calls.size() >= MAX_RECORDED_CALLS) {
            calls.removeFirst();
        }
        calls.addLast(call);
    }

    synchronized List<ApiCall> calls() {
        return List.copyOf(calls);
    }

    synchronized void clearCalls() {
        calls.clear();
    }
}
