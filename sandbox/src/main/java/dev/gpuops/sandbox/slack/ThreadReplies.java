package dev.gpuops.sandbox.slack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code conversations.replies}: the thread's parent first, then its replies oldest first, {@code limit} (default
 * 1000, at most 1000) per page with a {@code cursor} to page on, and each message's {@code metadata} only when
 * {@code include_all_metadata} is true, as Slack does. An unknown {@code ts} is {@code thread_not_found}.
 */
final class ThreadReplies {

    private static final int MAX_LIMIT = 1000;

    private final SlackWorkspace workspace;
    private final SlackJson json;

    ThreadReplies(SlackWorkspace workspace, SlackJson json) {
        this.workspace = workspace;
        this.json = json;
    }

    ObjectNode replies(SlackChannel channel, Map<String, String> params) {
        String ts = params.get("ts");
        if (ts == null || ts.isBlank()) {
            throw new SlackError("invalid_arguments");
        }
        SlackMessage parent = workspace.message(channel.id(), ts).filter(m -> !m.isReply())
                .orElseThrow(() -> new SlackError("thread_not_found"));
        List<SlackMessage> thread = new ArrayList<>();
        thread.add(parent);
        thread.addAll(workspace.replies(channel.id(), ts));
        int limit = Math.min(MAX_LIMIT, Math.max(1, parseLimit(params.get("limit"))));
        int offset = parseCursor(params.get("cursor"));
        boolean withMetadata = "true".equals(params.get("include_all_metadata"))
                || "1".equals(params.get("include_all_metadata"));
        List<SlackMessage> page = thread.subList(Math.min(offset, thread.size()),
                Math.min(offset + limit, thread.size()));
        ObjectNode response = SlackJson.ok();
        ArrayNode messages = response.putArray("messages");
        for (SlackMessage message : page) {
            ObjectNode node = json.message(message);
            if (withMetadata) {
                workspace.metadata(message.channel(), message.ts())
                        .ifPresent(meta -> node.set("metadata", HttpExchanges.JSON.readTree(meta)));
            }
            messages.add(node);
        }
        boolean more = offset + limit < thread.size();
        response.put("has_more", more);
        response.putObject("response_metadata").put("next_cursor", more ? cursor(offset + limit) : "");
        return response;
    }

    private static int parseLimit(String value) {
        try {
            return value == null || value.isBlank() ? MAX_LIMIT : Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new SlackError("invalid_limit");
        }
    }

    private static String cursor(int offset) {
        return Base64.getEncoder().encodeToString(("replies_offset:" + offset).getBytes(StandardCharsets.UTF_8));
    }

    private static int parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (!decoded.startsWith("replies_offset:")) {
                throw new SlackError("invalid_cursor");
            }
            return Integer.parseInt(decoded.substring("replies_offset:".length()));
        } catch (IllegalArgumentException e) {
            throw new SlackError("invalid_cursor");
        }
    }
}
