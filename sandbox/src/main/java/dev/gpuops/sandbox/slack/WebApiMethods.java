package dev.gpuops.sandbox.slack;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** The Web API methods the sandbox implements, with Slack's success shapes and error codes. */
final class WebApiMethods {

    private static final int MAX_TEXT = 40_000;
    private static final Pattern CHANNEL_NAME = Pattern.compile("[a-z0-9_-]+");
    private static final Pattern ONLY_PUNCTUATION = Pattern.compile("[_-]+");

    private final SlackWorkspace workspace;
    private final SlackJson json;

    private final ChannelMethods channelMethods;
    private final ConversationHistory history;

    WebApiMethods(SlackWorkspace workspace, SlackJson json) {
        this.workspace = workspace;
        this.json = json;
        this.channelMethods = new ChannelMethods(workspace, json, workspace.extras);
        this.history = new ConversationHistory(workspace, json);
    }

    ObjectNode call(String method, Map<String, String> params) {
        return switch (method) {
            case "auth.test" -> authTest();
            case "chat.postMessage" -> postMessage(params);
            case "chat.update" -> update(params);
            case "chat.postEphemeral" -> postEphemeral(params);
            case "chat.getPermalink" -> permalink(params);
            case "conversations.create" -> createConversation(params);
            case "conversations.invite" -> invite(params);
            case "conversations.history" -> history.call(memberChannel(params.get("channel")), params);
            case "users.info" -> usersInfo(params);
            case "usergroups.users.list" -> userGroupMembers(params);
            default -> {
                ObjectNode more = channelMethods.call(method, params);
                yield more != null ? more : SlackJson.error("unknown_method").put("req_method", method);
            }
        };
    }

    private ObjectNode userGroupMembers(Map<String, String> params) {
        String id = params.get("usergroup");
        if (id == null || id.isBlank()) {
            throw new SlackError("invalid_arguments");
        }
        List<String> members = workspace.userGroup(id).orElseThrow(() -> new SlackError("no_such_subteam"));
        ObjectNode ok = SlackJson.ok();
        members.forEach(ok.putArray("users")::add);
        return ok;
    }

    private ObjectNode authTest() {
        return SlackJson.ok()
                .put("url", "https://" + SlackWorkspace.TEAM_DOMAIN + ".slack.com/")
                .put("team", SlackWorkspace.TEAM_NAME)
                .put("user", "gpuops")
                .put("team_id", SlackWorkspace.TEAM_ID)
                .put("user_id", SlackWorkspace.BOT_USER_ID)
                .put("bot_id", SlackWorkspace.BOT_ID)
                .put("is_enterprise_install", false);
    }

    private ObjectNode postMessage(Map<String, String> params) {
        SlackChannel channel = memberChannel(params.get("channel"));
        String blocks = blocks(params.get("blocks"));
        String text = text(params.get("text"), blocks);
        String threadTs = blankToNull(params.get("thread_ts"));
        if (threadTs != null && !workspace.threadExists(channel.id(), threadTs)) {
            // Stricter than Slack, which may accept an unknown thread_ts silently: a client bug should be loud here.
            throw new SlackError("thread_not_found");
        }
        boolean broadcast = threadTs != null && truthy(params.get("reply_broadcast"));
        String metadata = metadata(params.get("metadata"));
        SlackMessage posted = workspace.post(new SlackWorkspace.NewMessage(channel.id(), SlackWorkspace.BOT_USER_ID,
                SlackWorkspace.BOT_ID, text, blocks, threadTs, broadcast, null));
        if (metadata != null) {
            workspace.attachMetadata(channel.id(), posted.ts(), metadata);
        }
        return SlackJson.ok().put("channel", channel.id()).put("ts", posted.ts())
                .set("message", history.withMetadata(json.message(posted), posted, true));
    }

    /**
     * conversations.history: top-level messages, newest first, {@code limit} (default 100, at most 999) per page,
     * {@code oldest}/{@code latest} bounds (exclusive unless {@code inclusive}), a {@code cursor} to page on, and
     * each message's {@code metadata} only when {@code include_all_metadata} is true, as Slack does.
     */
    /** Slack's message metadata: an object with a string {@code event_type} and an object {@code event_payload}. */
    private static String metadata(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            JsonNode node = HttpExchanges.JSON.readTree(raw);
            if (!node.isObject() || !node.path("event_type").isString() || node.path("event_type").asString().isBlank()
                    || !node.path("event_payload").isObject()) {
                throw new SlackError("invalid_metadata_schema");
            }
            return HttpExchanges.JSON.writeValueAsString(node);
        } catch (JacksonException e) {
            throw new SlackError("invalid_metadata_format");
        }
    }

    private ObjectNode update(Map<String, String> params) {
        // unlike chat.postMessage, chat.update takes only a channel id, never a name
        SlackChannel channel = workspace.channel(params.get("channel"))
                .filter(c -> c.id().equals(params.get("channel")))
                .orElseThrow(() -> new SlackError("channel_not_found"));
        String ts = blankToNull(params.get("ts"));
        SlackMessage existing = workspace.message(channel.id(), ts == null ? "" : ts)
                .orElseThrow(() -> new SlackError("message_not_found"));
        if (!SlackWorkspace.BOT_USER_ID.equals(existing.user())) {
            throw new SlackError("cant_update_message");
        }
        String blocks = blocks(params.get("blocks"));
        // Slack keeps what an update leaves out: the old text when only blocks come, the old blocks when only text
        String text = params.containsKey("text") || blocks == null ? text(params.get("text"), blocks)
                : existing.text();
        SlackMessage updated = workspace.update(channel.id(), existing.ts(), text, blocks);
        return SlackJson.ok().put("channel", channel.id()).put("ts", updated.ts()).put("text", updated.text())
                .set("message", json.message(updated));
    }

    /**
     * Slack's shape: {@code {"ok":true,"channel":"C…","permalink":"https://<team>.slack.com/archives/C…/p<ts without
     * the dot>"}}, with {@code ?thread_ts=…&cid=…} for a thread reply; channel_not_found / message_not_found.
     */
    private ObjectNode permalink(Map<String, String> params) {
        SlackChannel channel = workspace.channel(params.get("channel"))
                .orElseThrow(() -> new SlackError("channel_not_found"));
        String ts = blankToNull(params.get("message_ts"));
        SlackMessage message = workspace.message(channel.id(), ts == null ? "" : ts)
                .orElseThrow(() -> new SlackError("message_not_found"));
        String link = "https://" + SlackWorkspace.TEAM_DOMAIN + ".slack.com/archives/" + channel.id() + "/p"
                + message.ts().replace(".", "");
        if (message.threadTs() != null && !message.threadTs().equals(message.ts())) {
            link += "?thread_ts=" + message.threadTs() + "&cid=" + channel.id();
        }
        return SlackJson.ok().put("channel", channel.id()).put("permalink", link);
    }

    private ObjectNode postEphemeral(Map<String, String> params) {
        SlackChannel channel = memberChannel(params.get("channel"));
        SlackUser user = workspace.user(blankToNull(params.get("user")))
                .orElseThrow(() -> new SlackError("user_not_found"));
        if (!channel.members().contains(user.id())) {
            throw new SlackError("user_not_in_channel");
        }
        String blocks = blocks(params.get("blocks"));
        String text = text(params.get("text"), blocks);
        SlackMessage posted = workspace.post(new SlackWorkspace.NewMessage(channel.id(), SlackWorkspace.BOT_USER_ID,
                SlackWorkspace.BOT_ID, text, blocks, blankToNull(params.get("thread_ts")), false, user.id()));
        return SlackJson.ok().put("message_ts", posted.ts());
    }

    private ObjectNode createConversation(Map<String, String> params) {
        String name = params.getOrDefault("name", "");
        if (name.isBlank()) {
            throw new SlackError("invalid_name_required");
        }
        if (name.length() > 80) {
            throw new SlackError("invalid_name_maxlength");
        }
        if (ONLY_PUNCTUATION.matcher(name).matches()) {
            throw new SlackError("invalid_name_punctuation");
        }
        if (!CHANNEL_NAME.matcher(name).matches()) {
            throw new SlackError("invalid_name_specials");
        }
        if (workspace.nameTaken(name)) {
            throw new SlackError("name_taken");
        }
        SlackChannel created = workspace.createChannel(name, truthy(params.get("is_private")),
                SlackWorkspace.BOT_USER_ID);
        return SlackJson.ok().set("channel", json.channel(created, true));
    }

    private ObjectNode invite(Map<String, String> params) {
        SlackChannel channel = channel(params.get("channel"));
        List<String> users = Arrays.stream(params.getOrDefault("users", "").split(","))
                .map(String::strip).filter(u -> !u.isEmpty()).toList();
        if (users.isEmpty()) {
            throw new SlackError("no_user");
        }
        for (String user : users) {
            workspace.user(user).orElseThrow(() -> new SlackError("user_not_found"));
            if (SlackWorkspace.BOT_USER_ID.equals(user)) {
                throw new SlackError("cant_invite_self");
            }
        }
        if (channel.members().containsAll(users)) {
            throw new SlackError("already_in_channel");
        }
        return SlackJson.ok().set("channel", json.channel(workspace.addMembers(channel.id(), users), true));
    }

    private ObjectNode usersInfo(Map<String, String> params) {
        SlackUser user = workspace.user(blankToNull(params.get("user")))
                .orElseThrow(() -> new SlackError("user_not_found"));
        return SlackJson.ok().set("user", json.user(user));
    }

    private SlackChannel channel(String idOrName) {
        return workspace.channel(idOrName).orElseThrow(() -> new SlackError("channel_not_found"));
    }

    private SlackChannel memberChannel(String idOrName) {
        SlackChannel channel = channel(idOrName);
        if (!channel.members().contains(SlackWorkspace.BOT_USER_ID)) {
            throw new SlackError(channel.isPrivate() ? "channel_not_found" : "not_in_channel");
        }
        return channel;
    }

    /** Validates the Block Kit array; returns it as compact JSON, or null when absent. */
    private static String blocks(String raw) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            JsonNode blocks = HttpExchanges.JSON.readTree(raw);
            boolean valid = blocks.isArray() && blocks.size() <= 50;
            for (JsonNode block : blocks) {
                valid &= block.isObject() && block.path("type").isString();
            }
            if (!valid) {
                throw new SlackError("invalid_blocks");
            }
            return HttpExchanges.JSON.writeValueAsString(blocks);
        } catch (JacksonException e) {
            throw new SlackError("invalid_blocks_format");
        }
    }

    private static String text(String raw, String blocks) {
        String text = raw == null ? "" : raw;
        if (text.isBlank() && blocks == null) {
            throw new SlackError("no_text");
        }
        if (text.length() > MAX_TEXT) {
            throw new SlackError("msg_too_long");
        }
        return text;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static boolean truthy(String value) {
        return "true".equalsIgnoreCase(value) || "1".equals(value);
    }
}
