package dev.gpuops.bot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import dev.gpuops.event.Origin;

/** Who sent a slash command, from where; {@code triggerId} is the request's idempotency key. */
public record Requester(String channelId, String userId, String userName, String triggerId) {

    public static Requester of(SlashCommandPayload payload) {
        return new Requester(payload.getChannelId(), payload.getUserId(), payload.getUserName(),
                payload.getTriggerId());
    }

    public Origin origin() {
        return new Origin("slack", channelId, userId, userName, triggerId);
    }
}
