package dev.gpuops.sandbox.slack;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Builds the JSON objects Slack returns for messages, channels and users. */
final class SlackJson {

    private final SlackWorkspace workspace;

    SlackJson(SlackWorkspace workspace) {
        this.workspace = workspace;
    }

    static ObjectNode ok() {
        return HttpExchanges.JSON.createObjectNode().put("ok", true);
    }

    static ObjectNode error(String code) {
        return HttpExchanges.JSON.createObjectNode().put("ok", false).put("error", code);
    }

    ObjectNode message(SlackMessage message) {
        ObjectNode node = HttpExchanges.JSON.createObjectNode()
                .put("type", "message")
                .put("user", message.user())
                .put("text", message.text() == null ? "" : message.text())
                .put("ts", message.ts())
                .put("team", SlackWorkspace.TEAM_ID);
        if (message.botId() != null) {
            node.put("bot_id", message.botId()).put("app_id", SlackWorkspace.APP_ID);
        }
        if (message.blocksJson() != null) {
            node.set("blocks", HttpExchanges.JSON.readTree(message.blocksJson()));
        }
        if (message.edited()) {
            node.putObject("edited").put("user", message.user()).put("ts", message.ts());
        }
        if (message.isReply()) {
            workspace.message(message.channel(), message.threadTs()).ifPresent(parent -> node
                    .put("thread_ts", message.threadTs()).put("parent_user_id", parent.user()));
        } else {
            addThreadSummary(node, message);
        }
        return node;
    }

    private void addThreadSummary(ObjectNode node, SlackMessage parent) {
        List<SlackMessage> replies = workspace.replies(parent.channel(), parent.ts());
        if (replies.isEmpty()) {
            return;
        }
        Set<String> replyUsers = new LinkedHashSet<>();
        replies.forEach(reply -> replyUsers.add(reply.user()));
        node.put("thread_ts", parent.ts())
                .put("reply_count", replies.size())
                .put("reply_users_count", replyUsers.size())
                .put("latest_reply", replies.getLast().ts());
        ArrayNode users = node.putArray("reply_users");
        replyUsers.forEach(users::add);
    }

    ObjectNode channel(SlackChannel channel, boolean withMembership) {
        ObjectNode node = HttpExchanges.JSON.createObjectNode()
                .put("id", channel.id())
                .put("name", channel.name())
                .put("is_channel", !channel.isPrivate())
                .put("is_group", channel.isPrivate())
                .put("is_im", false)
                .put("is_mpim", false)
                .put("is_private", channel.isPrivate())
                .put("created", channel.created())
                .put("creator", channel.creator())
                .put("is_archived", false)
                .put("is_general", "general".equals(channel.name()))
                .put("unlinked", 0)
                .put("name_normalized", channel.name())
                .put("is_shared", false)
                .put("is_ext_shared", false)
                .put("is_org_shared", false)
                .put("is_pending_ext_shared", false)
                .put("context_team_id", SlackWorkspace.TEAM_ID)
                .put("updated", channel.created() * 1000);
        if (withMembership) {
            node.put("is_member", channel.members().contains(SlackWorkspace.BOT_USER_ID))
                    .put("last_read", "0000000000.000000");
        }
        node.putArray("pending_shared");
        node.putArray("previous_names");
        node.putObject("topic").put("value", "").put("creator", "").put("last_set", 0);
        node.putObject("purpose").put("value", "").put("creator", "").put("last_set", 0);
        return node;
    }

    ObjectNode user(SlackUser user) {
        ObjectNode node = HttpExchanges.JSON.createObjectNode()
                .put("id", user.id())
                .put("team_id", SlackWorkspace.TEAM_ID)
                .put("name", user.name())
                .put("deleted", false)
                .put("color", "9f69e7")
                .put("real_name", user.realName())
                .put("tz", "Europe/Berlin")
                .put("tz_label", "Central European Time")
                .put("tz_offset", 3600)
                .put("is_admin", false)
                .put("is_owner", false)
                .put("is_primary_owner", false)
                .put("is_restricted", false)
                .put("is_ultra_restricted", false)
                .put("is_bot", user.isBot())
                .put("is_app_user", false)
                .put("updated", 1_700_000_000L);
        ObjectNode profile = node.putObject("profile")
                .put("real_name", user.realName())
                .put("real_name_normalized", user.realName())
                .put("display_name", user.name())
                .put("display_name_normalized", user.name())
                .put("team", SlackWorkspace.TEAM_ID);
        if (user.isBot()) {
            profile.put("bot_id", SlackWorkspace.BOT_ID);
        } else {
            profile.put("email", user.name() + "@" + SlackWorkspace.TEAM_DOMAIN + ".example");
        }
        return node;
    }
}
