package dev.gpuops.sandbox.slack;

import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** How Slack shows a command's ack body and its response_url posts: ephemerally to the user, or in the channel. */
final class CommandReplies {

    private CommandReplies() {
    }

    /** A reply message; Slack shows a non-JSON 200 body as plain ephemeral text and an empty body as nothing. */
    record Reply(String responseType, String text, String blocksJson) {

        boolean inChannel() {
            return "in_channel".equals(responseType);
        }
    }

    static Optional<Reply> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        if (!body.stripLeading().startsWith("{")) {
            return Optional.of(new Reply("ephemeral", body, null));
        }
        try {
            JsonNode json = HttpExchanges.JSON.readTree(body);
            String text = json.path("text").asString("");
            JsonNode blocks = json.path("blocks");
            String blocksJson = blocks.isArray() ? HttpExchanges.JSON.writeValueAsString(blocks) : null;
            if (text.isBlank() && blocksJson == null) {
                return Optional.empty();
            }
            return Optional.of(new Reply(json.path("response_type").asString("ephemeral"), text, blocksJson));
        } catch (JacksonException e) {
            return Optional.of(new Reply("ephemeral", body, null));
        }
    }

    /** An in_channel ack shows the user's command and the reply to everyone; otherwise only the user sees it. */
    static void showAck(SlackWorkspace workspace, CommandResult command, Reply reply) {
        if (reply.inChannel()) {
            String typed = command.command() + (command.text().isEmpty() ? "" : " " + command.text());
            workspace.post(new SlackWorkspace.NewMessage(command.channel(), command.user(), null, typed, null, null,
                    false, null));
        }
        show(workspace, command.channel(), command.user(), reply);
    }

    static void show(SlackWorkspace workspace, String channel, String user, Reply reply) {
        workspace.post(new SlackWorkspace.NewMessage(channel, SlackWorkspace.BOT_USER_ID, SlackWorkspace.BOT_ID,
                reply.text(), reply.blocksJson(), null, false, reply.inChannel() ? null : user));
    }
}
