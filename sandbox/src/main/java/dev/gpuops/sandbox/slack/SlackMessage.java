package dev.gpuops.sandbox.slack;

import java.util.List;

/**
 * A snapshot of one message as it stands now.
 *
 * @param threadTs    the parent's ts for a thread reply, {@code null} for a top-level message
 * @param blocksJson  the Block Kit array as JSON text, {@code null} when the message has none
 * @param edits       earlier texts, oldest first; empty when never updated
 * @param ephemeralTo the only user who sees it, for {@code chat.postEphemeral} and ephemeral command replies
 */
public record SlackMessage(String channel, String ts, String threadTs, String user, String botId, String text,
                           String blocksJson, List<String> edits, boolean replyBroadcast, String ephemeralTo) {

    public SlackMessage {
        edits = List.copyOf(edits);
    }

    public boolean isReply() {
        return threadTs != null && !threadTs.equals(ts);
    }

    public boolean edited() {
        return !edits.isEmpty();
    }
}
