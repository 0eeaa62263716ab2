package dev.gpuops.bot.slack;

import java.util.Optional;

/** The demo's {@code /gpu sandbox …} words, answered before any verb; absent outside the demo. */
@FunctionalInterface
public interface DemoCommands {

    /** @return the reply, or empty when the text is not a sandbox command */
    Optional<SlackReply> handle(String text);
}
