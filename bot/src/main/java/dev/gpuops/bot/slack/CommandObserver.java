package dev.gpuops.bot.slack;

/** Told how each {@code /gpu} command was answered (the bot's metrics count them). Must be quick and not throw. */
@FunctionalInterface
public interface CommandObserver {

    CommandObserver NONE = (command, reply) -> { };

    /**
     * @param command what the text parsed to, or null when the demo's {@code sandbox} command handled it
     * @param reply   the answer, or null when handling failed with an exception
     */
    void answered(ParsedCommand command, SlackReply reply);

    /**
     * An incident command ({@code incidents}, {@code ack}, {@code resolve}, {@code mute}, {@code unmute}) was
     * answered.
     *
     * @param verb  its command word, one of those five
     * @param reply the answer, or null when handling failed with an exception
     */
    default void incidentAnswered(String verb, SlackReply reply) {
    }
}
