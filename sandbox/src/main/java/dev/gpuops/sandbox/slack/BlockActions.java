package dev.gpuops.sandbox.slack;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Plays Slack's part of a button click: the {@code block_actions} payload Slack sends to the app's interactivity
 * URL, as form field {@code payload}, signed like a slash command. Built from the button as it is in the message.
 */
final class BlockActions {

    private BlockActions() {
    }

    /** The button with {@code actionId} in the message's blocks, if it is there. */
    static Optional<JsonNode> button(SlackMessage message, String actionId) {
        if (message.blocksJson() == null) {
            return Optional.empty();
        }
        for (JsonNode block : HttpExchanges.JSON.readTree(message.blocksJson())) {
            if (!"actions".equals(block.path("type").asString(""))) {
                continue;
            }
            for (JsonNode element : block.path("elements")) {
                if (actionId.equals(element.path("action_id").asString(""))) {
                    ObjectNode found = ((ObjectNode) element).deepCopy();
                    found.put("block_id", block.path("block_id").asString(""));
                    return Optional.of(found);
                }
            }
        }
        return Optional.empty();
    }

    /** The payload JSON, with the fields Slack sends for a click on a message button. */
    static String payload(SlackMessage message, SlackUser user, SlackChannel channel, JsonNode button,
                          String responseUrl, String triggerId, Instant now) {
        ObjectNode payload = HttpExchanges.JSON.createObjectNode();
        payload.put("type", "block_actions");
        payload.putObject("user").put("id", user.id()).put("username", user.name()).put("name", user.name())
                .put("team_id", SlackWorkspace.TEAM_ID);
        payload.put("api_app_id", SlackWorkspace.APP_ID);
        payload.put("token", SlashCommands.VERIFICATION_TOKEN);
        payload.putObject("container").put("type", "message").put("message_ts", message.ts())
                .put("channel_id", channel.id()).put("is_ephemeral", false);
        payload.put("trigger_id", triggerId);
        payload.putObject("team").put("id", SlackWorkspace.TEAM_ID).put("domain", SlackWorkspace.TEAM_DOMAIN);
        payload.putObject("channel").put("id", channel.id()).put("name", channel.name());
        ObjectNode msg = payload.putObject("message");
        msg.put("type", "message").put("ts", message.ts()).put("text", message.text())
                .put("bot_id", message.botId());
        if (message.blocksJson() != null) {
            msg.set("blocks", HttpExchanges.JSON.readTree(message.blocksJson()));
        }
        payload.put("response_url", responseUrl);
        ArrayNode actions = payload.putArray("actions");
        ObjectNode action = actions.addObject();
        action.put("action_id", button.path("action_id").asString(""));
        action.put("block_id", button.path("block_id").asString(""));
        action.set("text", button.path("text"));
        action.put("value", button.path("value").asString(""));
        if (button.hasNonNull("style")) {
            action.put("style", button.path("style").asString(""));
        }
        action.put("type", "button");
        action.put("action_ts", now.getEpochSecond() + "." + String.format("%06d", now.getNano() / 1000));
        return HttpExchanges.JSON.writeValueAsString(payload);
    }

    static Map<String, String> form(String payload) {
        return Map.of("payload", payload);
    }
}
