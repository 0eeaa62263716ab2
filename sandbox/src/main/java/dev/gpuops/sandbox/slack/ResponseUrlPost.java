package dev.gpuops.sandbox.slack;

import java.time.Instant;

/**
 * A JSON message the bot sent to a slash command's {@code response_url}.
 *
 * @param commandId    the console command this response belongs to
 * @param responseType {@code ephemeral} (the default) or {@code in_channel}
 */
public record ResponseUrlPost(String commandId, String channel, String user, String responseType, String text,
                              String blocksJson, Instant at) {
}
