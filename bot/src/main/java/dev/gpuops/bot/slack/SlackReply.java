package dev.gpuops.bot.slack;

/**
 * What a slash command answers, within Slack's 3 seconds.
 *
 * @param inChannel visible to the channel (a run was queued) rather than only to the requester
 * @param retryable nothing took effect and the same request may be processed again (Kafka did not take it)
 */
public record SlackReply(boolean inChannel, String text, boolean retryable) {

    public static SlackReply inChannel(String text) {
        return new SlackReply(true, text, false);
    }

    public static SlackReply ephemeral(String text) {
        return new SlackReply(false, text, false);
    }

    public static SlackReply notTaken(String text) {
        return new SlackReply(false, text, true);
    }

    public String responseType() {
        return inChannel ? "in_channel" : "ephemeral";
    }
}
