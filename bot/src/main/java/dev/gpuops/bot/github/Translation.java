package dev.gpuops.bot.github;

import dev.gpuops.event.CommandReceived;
import java.util.List;

/** What a GitHub delivery means for gpuops. */
public sealed interface Translation {

    /** Deploy commands, one per subscribed target. */
    record Deploys(List<CommandReceived> commands) implements Translation {
        public Deploys {
            commands = List.copyOf(commands);
        }
    }

    /** Nothing to do, and why (answered with 202 so the delivery log explains itself). */
    record Ignored(String reason) implements Translation {
    }
}
