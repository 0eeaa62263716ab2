package dev.gpuops.sandbox.slack;

import java.time.Instant;

/**
 * What happened when the console sent a slash command to the bot: the HTTP ack Slack would have received.
 *
 * @param status HTTP status of the bot's ack, 0 when the bot could not be reached in time
 * @param body   the ack body (empty means Slack shows nothing), or why the request failed
 */
public record CommandResult(String id, String channel, String user, String command, String text, Instant at,
                            int status, String body, String responseUrl) {
}
