package dev.gpuops.bot.slack;

import dev.gpuops.bot.runs.RunLinks;
import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** {@code runs}: the recent and in-flight runs of the targets the requester may view, for the requester only. */
public class RunsCommandHandler {

    private static final int LIMIT = 15;
    /** Links not cached yet are looked up (thread store, then chat.getPermalink) for at most this long. */
    private static final Duration LINK_BUDGET = Duration.ofSeconds(1);

    private final RunsView runs;
    private final Clock clock;

    private final RunLinks links;
    private final IngressAccess access;

    public RunsCommandHandler(RunsView runs, Clock clock) {
        this(runs, clock, new RunLinks(1));
    }

    public RunsCommandHandler(RunsView runs, Clock clock, RunLinks links) {
        this(runs, clock, links, null);
    }

    /** @param access who may view which target; null lists every run (no access policy in this gpuops) */
    public RunsCommandHandler(RunsView runs, Clock clock, RunLinks links, IngressAccess access) {
        this.runs = runs;
        this.clock = clock;
        this.links = links;
        this.access = access;
    }

    public SlackReply handle() {
        return handle(null);
    }

    /** @param who the asker: only runs on targets they may view are listed (all runs when null) */
    public SlackReply handle(Requester who) {
        List<RunSummary> recent = access == null || who == null ? runs.recent(LIMIT)
                : runs.recent(LIMIT, run -> access.mayView(run.target(), who));
        if (recent.isEmpty()) {
            return SlackReply.ephemeral("No runs yet since this bot started reading `gpuops.runs`.");
        }
        StringBuilder text = new StringBuilder("Recent runs (in flight first):\n");
        Map<String, String> threads = links.findAll(recent.stream().map(RunSummary::runId).toList(), LINK_BUDGET);
        for (RunSummary run : recent) {
            text.append(line(run, threads.get(run.runId()))).append('\n');
        }
        return SlackReply.ephemeral(text.toString().stripTrailing());
    }

    /**
     * "• :white_check_mark: `r-1a2b3c4d` restart box-1 — succeeded, 2m ago, by alice · <permalink|thread>": one line
     * per run.
     */
    private String line(RunSummary run, String link) {
        StringBuilder line = new StringBuilder("• ").append(mark(run)).append(" `").append(run.runId()).append("` ")
                .append(Mrkdwn.escape(run.description() == null ? run.target() : run.description()))
                .append(" — ").append(Mrkdwn.escape(run.state().lines().findFirst().orElse("")))
                .append(", ").append(age(run)).append(" ago");
        if (run.requestedBy() != null) {
            line.append(", by ").append(Mrkdwn.escape(run.requestedBy()));
        }
        if (link != null) {
            line.append(" · <").append(link.replace("|", "%7C")).append("|thread>");
        }
        return line.toString();
    }

    private static String mark(RunSummary run) {
        String state = run.state();
        if (!run.finished()) {
            return state.startsWith("queued") ? ":double_vertical_bar:" : ":arrow_forward:";
        }
        String outcome = state.split(":", 2)[0];
        return switch (outcome) {
            case "succeeded" -> ":white_check_mark:";
            case "failed" -> ":x:";
            case "cancelled" -> ":stop_button:";
            case "rejected" -> ":no_entry:";
            case "not applied" -> ":warning:";
            case "found problems" -> ":red_circle:";
            default -> "•";
        };
    }

    private String age(RunSummary run) {
        Duration age = Duration.between(run.updatedAt(), clock.instant());
        if (age.toMinutes() < 1) {
            return Math.max(0, age.toSeconds()) + "s";
        }
        return age.toHours() < 1 ? age.toMinutes() + "m" : age.toHours() + "h";
    }
}
