package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * {@code /admin/ratelimit}: switch 429s on and off at runtime (demo and manual testing).
 * <ul>
 *   <li>{@code POST {"calls":N,"retryAfter":R,"method":"chat.update"}}: the next N calls get 429</li>
 *   <li>{@code POST {"seconds":T,"retryAfter":R}}: every call for T seconds gets 429</li>
 *   <li>{@code POST {"channelLimit":true,"burst":3}}: Slack's ~1 chat.postMessage/s per channel</li>
 *   <li>{@code DELETE}: everything off; {@code GET}: current state</li>
 * </ul>
 */
final class AdminRoutes implements HttpHandler {

    private final SlackWorkspace workspace;
    private final RateLimits rateLimits;

    AdminRoutes(SlackWorkspace workspace, RateLimits rateLimits) {
        this.workspace = workspace;
        this.rateLimits = rateLimits;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!exchange.getRequestURI().getPath().equals("/admin/ratelimit")) {
                HttpExchanges.sendJson(exchange, 404, SlackJson.error("not_found"));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "GET" -> { }
                case "DELETE" -> rateLimits.clear();
                case "POST" -> {
                    if (!configure(HttpExchanges.body(exchange))) {
                        HttpExchanges.sendJson(exchange, 400, SlackJson.error("bad_request").put("detail",
                                "send {\"calls\":N} or {\"seconds\":T} (optional retryAfter, method),"
                                        + " or {\"channelLimit\":true|false}"));
                        return;
                    }
                }
                default -> {
                    HttpExchanges.sendJson(exchange, 405, SlackJson.error("method_not_allowed"));
                    return;
                }
            }
            HttpExchanges.sendJson(exchange, 200, rateLimits.describe(workspace.now()));
        }
    }

    private boolean configure(String body) {
        JsonNode request;
        try {
            request = HttpExchanges.JSON.readTree(body.isBlank() ? "{}" : body);
        } catch (JacksonException e) {
            return false;
        }
        Duration retryAfter = Duration.ofSeconds(Math.max(1, request.path("retryAfter").asLong(1)));
        String method = request.path("method").asString(null);
        if (request.has("channelLimit")) {
            rateLimits.channelLimit(request.path("channelLimit").asBoolean(), request.path("burst").asInt(3));
            return true;
        }
        if (request.path("calls").asInt(0) > 0) {
            rateLimits.stormCalls(request.path("calls").asInt(), retryAfter, method);
            return true;
        }
        if (request.path("seconds").asLong(0) > 0) {
            rateLimits.stormUntil(workspace.now().plusSeconds(request.path("seconds").asLong()), retryAfter, method);
            return true;
        }
        return false;
    }
}
