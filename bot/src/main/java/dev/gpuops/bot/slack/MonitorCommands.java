package dev.gpuops.bot.slack;

import java.util.List;
import java.util.Optional;

/**
 * The health monitor's words of {@code /gpu} ({@code incidents}, {@code ack}, {@code resolve}, {@code mute},
 * {@code unmute}), answered by the incident side of the bot and judged by the access policy like every other verb.
 */
public interface MonitorCommands {

    boolean recognises(String text);

    /** The command word, for the access policy and the commands metric. */
    String word(String text);

    /** The targets the command acts on, for the access policy. */
    List<String> targetsOf(String text);

    Optional<SlackReply> handle(String text, Requester who);
}
