package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /console}: a live view of the sandbox workspace for humans and browser tests. The page polls
 * {@code /console/state}; its command box posts to {@code /console/command}, which sends a signed slash command, and
 * its message buttons post to {@code /console/click}, which sends a signed {@code block_actions} payload.
 */
final class ConsoleRoutes implements HttpHandler {

    private static final Map<String, String> ASSETS = Map.of(
            "/console", "console.html",
            "/console/", "console.html",
            "/console/console.js", "console.js",
            "/console/console.css", "console.css",
            "/console/favicon.svg", "favicon.svg");

    private final SlackWorkspace workspace;
    private final SlashCommands commands;
    private final RateLimits rateLimits;
    private final Supplier<URI> botUrl;

    ConsoleRoutes(SlackWorkspace workspace, SlashCommands commands, RateLimits rateLimits, Supplier<URI> botUrl) {
        this.workspace = workspace;
        this.commands = commands;
        this.rateLimits = rateLimits;
        this.botUrl = botUrl;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if ("GET".equals(method) && ASSETS.containsKey(path)) {
                serveAsset(exchange, ASSETS.get(path));
            } else if ("GET".equals(method) && path.equals("/console/state")) {
                HttpExchanges.sendJson(exchange, 200, state());
            } else if ("POST".equals(method) && path.equals("/console/command")) {
                command(exchange);
            } else if ("POST".equals(method) && path.equals("/console/click")) {
                click(exchange);
            } else {
                HttpExchanges.sendJson(exchange, 404, SlackJson.error("not_found"));
            }
        }
    }

    private void serveAsset(HttpExchange exchange, String name) throws IOException {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                HttpExchanges.sendText(exchange, 500, "text/plain", "console asset " + name + " missing from jar");
                return;
            }
            String type = name.endsWith(".js") ? "text/javascript" : name.endsWith(".css") ? "text/css"
                    : name.endsWith(".svg") ? "image/svg+xml" : "text/html";
            HttpExchanges.send(exchange, 200, type + "; charset=utf-8", in.readAllBytes());
        }
    }

    private void command(HttpExchange exchange) throws IOException {
        try {
            JsonNode request = HttpExchanges.JSON.readTree(HttpExchanges.body(exchange));
            CommandResult result = commands.send(request.path("channel").asString(""),
                    request.path("user").asString(null), request.path("text").asString(""));
            HttpExchanges.sendJson(exchange, 200, HttpExchanges.JSON.valueToTree(result));
        } catch (JacksonException | IllegalArgumentException e) {
            HttpExchanges.sendJson(exchange, 400, SlackJson.error("bad_request").put("detail", e.getMessage()));
        }
    }

    /** A click on a message button, as the picked user: a signed block_actions payload to the bot. */
    private void click(HttpExchange exchange) throws IOException {
        try {
            JsonNode request = HttpExchanges.JSON.readTree(HttpExchanges.body(exchange));
            CommandResult result = commands.click(request.path("channel").asString(""),
                    request.path("ts").asString(""), request.path("user").asString(null),
                    request.path("actionId").asString(""));
            HttpExchanges.sendJson(exchange, 200, HttpExchanges.JSON.valueToTree(result));
        } catch (JacksonException | IllegalArgumentException e) {
            HttpExchanges.sendJson(exchange, 400, SlackJson.error("bad_request").put("detail", e.getMessage()));
        }
    }

    private ObjectNode state() {
        ObjectNode state = HttpExchanges.JSON.createObjectNode()
                .put("version", workspace.version())
                .put("botUrl", botUrl.get() == null ? null : botUrl.get().toString());
        ObjectNode users = state.putObject("users");
        workspace.users().forEach(u -> users.put(u.id(), u.name()));
        ArrayNode channels = state.putArray("channels");
        workspace.channels().forEach(channel -> channels.add(channel(channel)));
        state.set("commands", HttpExchanges.JSON.valueToTree(workspace.commands()));
        state.set("responses", HttpExchanges.JSON.valueToTree(workspace.responses()));
        state.set("rateLimits", HttpExchanges.JSON.valueToTree(rateLimits.describe(workspace.now())));
        return state;
    }

    private ObjectNode channel(SlackChannel channel) {
        ObjectNode node = HttpExchanges.JSON.createObjectNode()
                .put("id", channel.id()).put("name", channel.name()).put("isPrivate", channel.isPrivate());
        node.put("topic", workspace.extras.topic(channel.id()).orElse(""))
                .put("archived", workspace.extras.archived(channel.id()));
        ArrayNode pinned = node.putArray("pinned");
        workspace.extras.pins(channel.id()).forEach(pinned::add);
        ArrayNode messages = node.putArray("messages");
        for (SlackMessage message : workspace.channelMessages(channel.id())) {
            ObjectNode json = message(message);
            if (!message.isReply()) {
                ArrayNode replies = json.putArray("replies");
                workspace.replies(channel.id(), message.ts()).forEach(r -> replies.add(message(r)));
            }
            messages.add(json);
        }
        ArrayNode ephemerals = node.putArray("ephemerals");
        workspace.ephemerals(channel.id()).forEach(e -> ephemerals.add(message(e)));
        return node;
    }

    private static ObjectNode message(SlackMessage message) {
        ObjectNode node = HttpExchanges.JSON.createObjectNode()
                .put("ts", message.ts())
                .put("user", message.user())
                .put("bot", message.botId() != null)
                .put("text", message.text())
                .put("edits", message.edits().size())
                .put("threadTs", message.threadTs())
                .put("ephemeralTo", message.ephemeralTo());
        node.set("blocks", message.blocksJson() == null ? HttpExchanges.JSON.createArrayNode()
                : HttpExchanges.JSON.readTree(message.blocksJson()));
        return node;
    }
}
