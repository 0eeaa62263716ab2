package dev.gpuops.sandbox.slack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** {@code POST /response/<id>}: the response_url of a console command; records what the bot answered later. */
final class ResponseUrlReceiver implements HttpHandler {

    private final SlackWorkspace workspace;
    private final SlashCommands commands;

    ResponseUrlReceiver(SlackWorkspace workspace, SlashCommands commands) {
        this.workspace = workspace;
        this.commands = commands;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                HttpExchanges.sendJson(exchange, 405, SlackJson.error("method_not_allowed"));
                return;
            }
            String id = exchange.getRequestURI().getPath().substring("/response/".length());
            String body = HttpExchanges.body(exchange);
            try {
                JsonNode json = HttpExchanges.JSON.readTree(body);
                CommandReplies.Reply reply = CommandReplies.parse(body).filter(r -> json.isObject())
                        .orElseThrow(() -> new SlackError("no_text"));
                SlashCommands.Issued issued = commands.claimResponseUrl(id);
                workspace.recordResponse(new ResponseUrlPost(issued.commandId, issued.channel, issued.user,
                        reply.responseType(), reply.text(), reply.blocksJson(), workspace.now()));
                CommandReplies.show(workspace, issued.channel, issued.user, reply);
                HttpExchanges.sendJson(exchange, 200, SlackJson.ok());
            } catch (JacksonException e) {
                HttpExchanges.sendJson(exchange, 400, SlackJson.error("invalid_payload"));
            } catch (SlackError e) {
                int status = e.code().endsWith("_url") ? 404 : 400;
                HttpExchanges.sendJson(exchange, status, SlackJson.error(e.code()));
            }
        }
    }
}
