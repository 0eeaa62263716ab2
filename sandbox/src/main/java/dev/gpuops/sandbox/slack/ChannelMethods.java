package dev.gpuops.sandbox.slack;

import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conversations.setTopic}, {@code conversations.archive}, {@code pins.add} and {@code conversations.replies},
 * with Slack's success shapes and error codes.
 */
final class ChannelMethods {

    private static final int MAX_TOPIC = 250;

    private final SlackWorkspace workspace;
    private final SlackJson json;
    private final ChannelExtras extras;

    ChannelMethods(SlackWorkspace workspace, SlackJson json, ChannelExtras extras) {
        this.workspace = workspace;
        this.json = json;
        this.extras = extras;
    }

    /** @return null for a method this class does not implement */
    ObjectNode call(String method, Map<String, String> params) {
        return switch (method) {
            case "conversations.setTopic" -> setTopic(params);
            case "conversations.archive" -> archive(params);
            case "pins.add" -> pin(params);
            case "conversations.replies" -> new ThreadReplies(workspace, json).replies(member(params.get("channel")),
                    params);
            default -> null;
        };
    }

    private SlackChannel open(String id) {
        SlackChannel channel = workspace.channel(id).filter(c -> c.id().equals(id))
                .orElseThrow(() -> new SlackError("channel_not_found"));
        if (extras.archived(channel.id())) {
            throw new SlackError("is_archived");
        }
        if (!channel.members().contains(SlackWorkspace.BOT_USER_ID)) {
            throw new SlackError("not_in_channel");
        }
        return channel;
    }

    /** A channel the bot may read, as conversations.history and .replies require. */
    private SlackChannel member(String id) {
        SlackChannel channel = workspace.channel(id).orElseThrow(() -> new SlackError("channel_not_found"));
        if (!channel.members().contains(SlackWorkspace.BOT_USER_ID)) {
            throw new SlackError(channel.isPrivate() ? "channel_not_found" : "not_in_channel");
        }
        return channel;
    }

    private ObjectNode setTopic(Map<String, String> params) {
        SlackChannel channel = open(params.get("channel"));
        String topic = params.getOrDefault("topic", "");
        if (topic.length() > MAX_TOPIC) {
            throw new SlackError("too_long");
        }
        extras.topic(channel.id(), topic);
        ObjectNode node = json.channel(channel, true);
        node.putObject("topic").put("value", topic).put("creator", SlackWorkspace.BOT_USER_ID)
                .put("last_set", workspace.now().getEpochSecond());
        return SlackJson.ok().set("channel", node);
    }

    private ObjectNode archive(Map<String, String> params) {
        SlackChannel channel = workspace.channel(params.get("channel"))
                .filter(c -> c.id().equals(params.get("channel")))
                .orElseThrow(() -> new SlackError("channel_not_found"));
        if (!extras.archive(channel.id())) {
            throw new SlackError("already_archived");
        }
        return SlackJson.ok();
    }

    private ObjectNode pin(Map<String, String> params) {
        SlackChannel channel = open(params.get("channel"));
        String ts = params.getOrDefault("timestamp", "");
        workspace.message(channel.id(), ts).orElseThrow(() -> new SlackError("message_not_found"));
        if (!extras.pin(channel.id(), ts)) {
            throw new SlackError("already_pinned");
        }
        return SlackJson.ok();
    }

}
