package dev.gpuops.sandbox.slack;

import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ObjectNode;

/** {@code conversations.history}: Slack's paging (cursor, limit, oldest/latest, inclusive) and message metadata. */
final class ConversationHistory {

    private final SlackWorkspace workspace;
    private final SlackJson json;

    ConversationHistory(SlackWorkspace workspace, SlackJson json) {
        this.workspace = workspace;
        this.json = json;
    }

    /** One page of the channel's top-level messages, newest first; the caller checked the bot is a member. */
    ObjectNode call(SlackChannel channel, Map<String, String> params) {
        int limit = Math.min(999, Math.max(1, parseInt(params.get("limit"), 100)));
        int offset = parseCursor(params.get("cursor"));
        boolean inclusive = WebApiMethods.truthy(params.get("inclusive"));
        double oldest = parseTs(params.get("oldest"), 0);
        double latest = parseTs(params.get("latest"), Double.MAX_VALUE);
        boolean withMetadata = WebApiMethods.truthy(params.get("include_all_metadata"));
        List<SlackMessage> all = workspace.channelMessages(channel.id()).stream()
                .filter(m -> !m.isReply())
                .filter(m -> {
                    double ts = Double.parseDouble(m.ts());
                    return inclusive ? ts >= oldest && ts <= latest : ts > oldest && ts < latest;
                })
                .sorted((a, b) -> Double.compare(Double.parseDouble(b.ts()), Double.parseDouble(a.ts())))
                .toList();
        List<SlackMessage> page = all.subList(Math.min(offset, all.size()), Math.min(offset + limit, all.size()));
        ObjectNode response = SlackJson.ok();
        tools.jackson.databind.node.ArrayNode messages = response.putArray("messages");
        page.forEach(m -> messages.add(withMetadata(json.message(m), m, withMetadata)));
        boolean more = offset + limit < all.size();
        response.put("has_more", more).put("pin_count", 0).put("channel_actions_ts", (String) null)
                .put("channel_actions_count", 0);
        response.putObject("response_metadata").put("next_cursor", more ? cursor(offset + limit) : "");
        return response;
    }

    ObjectNode withMetadata(ObjectNode node, SlackMessage message, boolean include) {
        if (include) {
            workspace.metadata(message.channel(), message.ts())
                    .ifPresent(meta -> node.set("metadata", HttpExchanges.JSON.readTree(meta)));
        }
        return node;
    }

    private static int parseInt(String value, int fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_limit");
        }
    }

    private static double parseTs(String value, double fallback) {
        try {
            return value == null || value.isBlank() ? fallback : Double.parseDouble(value.strip());
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_ts_oldest");
        }
    }

    private static String cursor(int offset) {
        return java.util.Base64.getEncoder().encodeToString(("next_ts:" + offset).getBytes(
                java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(java.util.Base64.getDecoder().decode(cursor.strip()),
                    java.nio.charset.StandardCharsets.UTF_8);
            return Integer.parseInt(decoded.substring(decoded.indexOf(':') + 1));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new SlackError("invalid_cursor");
        }
    }
}
