package dev.gpuops.bot.slack;

import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** {@code runs}: the recent and in-flight runs, for the requester only. */
public class RunsCommandHandler {

    private static final int LIMIT = 15;

    private final RunsView runs;
    private final Clock clock;

    public RunsCommandHandler(RunsView runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    public SlackReply handle() {
        List<RunSummary> recent = runs.recent(LIMIT);
        if (recent.isEmpty()) {
            return SlackReply.ephemeral("No runs yet since this bot started reading `gpuops.runs`.");
        }
        StringBuilder text = new StringBuilder("Recent runs (in flight first):\n");
        for (RunSummary run : recent) {
            text.append("• `").append(run.runId()).append("` ")
                    .append(SlackText.escape(run.description() == null ? run.target() : run.description()))
                    .append(" — ").append(SlackText.escape(run.state()))
                    .append(", ").append(age(run)).append(" ago");
            if (run.requestedBy() != null) {
                text.append(", by ").append(SlackText.escape(run.requestedBy()));
            }
            text.append('\n');
        }
        return SlackReply.ephemeral(text.toString().stripTrailing());
    }

    private String age(RunSummary run) {
        Duration age = Duration.between(run.updatedAt(), clock.instant());
        if (age.toMinutes() < 1) {
            return Math.max(0, age.toSeconds()) + "s";
        }
        return age.toHours() < 1 ? age.toMinutes() + "m" : age.toHours() + "h";
    }
}
