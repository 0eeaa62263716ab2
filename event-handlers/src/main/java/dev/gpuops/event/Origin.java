package dev.gpuops.event;

/**
 * Where a command came from and where its replies go.
 *
 * @param source   slack, github or monitor
 * @param channel  Slack channel for the run's messages (the command's channel, or the target's alert channel)
 * @param userId   Slack user id of whoever asked, or the GitHub sender login
 * @param userName display name for messages
 * @param reference Slack trigger id / GitHub delivery id: the idempotency key of the request
 */
public record Origin(String source, String channel, String userId, String userName, String reference) {
}
