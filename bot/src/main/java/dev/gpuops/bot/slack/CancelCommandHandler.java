package dev.gpuops.bot.slack;

import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.kafka.PublishResult;
import dev.gpuops.bot.runs.RunSummary;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.slack.ParsedCommand.Cancel;
import dev.gpuops.event.CancelRequested;
import dev.gpuops.event.Events;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** {@code cancel <run-id>}: publishes {@link CancelRequested} keyed by the run's target, so its handler sees it. */
public class CancelCommandHandler extends PublishingHandler {

    public CancelCommandHandler(CommandPublisher publisher, RunsView runs, Clock clock, Duration ackTimeout) {
        super(publisher, runs, clock, ackTimeout);
    }

    public SlackReply handle(Cancel cancel, Requester who) {
        Optional<RunSummary> run = runs.find(cancel.runId());
        if (run.isEmpty()) {
            return SlackReply.ephemeral("No run `" + cancel.runId() + "` is known to gpuops. `/gpu runs` lists "
                    + "recent and in-flight runs.");
        }
        RunSummary summary = run.get();
        if (summary.finished()) {
            return SlackReply.ephemeral("Run `" + summary.runId() + "` already finished (" + summary.state()
                    + "); nothing to cancel.");
        }
        CancelRequested request = new CancelRequested(Events.newEventId(), clock.instant(), summary.target(),
                summary.runId(), who.origin());
        return switch (publisher.publish(request)) {
            case PublishResult.Acked acked -> SlackReply.inChannel("Cancel requested for run " + summary.runId()
                    + describe(summary) + " by <@" + who.userId() + ">");
            case PublishResult.Failed failed -> notTaken();
        };
    }

    private static String describe(RunSummary run) {
        return run.description() == null ? " on " + run.target() : " (" + run.description() + ")";
    }
}
