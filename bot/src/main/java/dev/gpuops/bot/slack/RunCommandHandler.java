package dev.gpuops.bot.slack;

import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.kafka.PublishResult;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.slack.ParsedCommand.RunRequest;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The run-starting verbs (deploy, promote, status, restart, logs, diagnose, purge, scale): they differ only in their
 * arguments, which the parser already checked, so one handler publishes them all. The user hears "queued" only after
 * Kafka acknowledged the command.
 */
public class RunCommandHandler extends PublishingHandler {

    private static final String ACCEPTED = " accepted: ";

    /** Whether {@code reply} is the acknowledgement of a run that Kafka took (for the commands metric). */
    public static boolean accepted(SlackReply reply) {
        return !reply.retryable() && reply.text().startsWith("Run r-") && reply.text().contains(ACCEPTED);
    }

    private static final Logger LOG = LoggerFactory.getLogger(RunCommandHandler.class);

    public RunCommandHandler(CommandPublisher publisher, RunsView runs, Clock clock, Duration ackTimeout) {
        super(publisher, runs, clock, ackTimeout);
    }

    public SlackReply handle(RunRequest request, Requester who) {
        // the trigger id names the run: a retry (same trigger id) after a restart or on another replica gets the
        // same run id, and the handlers' durable dedupe by run id makes it one run
        String runId = who.triggerId() == null || who.triggerId().isBlank() ? Events.newRunId(clock)
                : Events.runIdFor("slack:" + who.triggerId());
        CommandReceived command = new CommandReceived(Events.newEventId(), clock.instant(), request.target(), runId,
                request.verb(), request.inputs(), who.origin());
        return switch (publisher.publish(command)) {
            case PublishResult.Acked acked -> {
                runs.requested(command);
                // DEBUG: on the ack path; the CommandReceived event on Kafka is the record of who asked for what
                LOG.debug("Queued {} as {} for {} ({})", request.describe(), runId, who.userId(), acked);
                // only the requester sees the ack: the run's root message in the channel says what runs and who
                // asked, so the channel never shows a stale "queued" or a reply above its command
                yield SlackReply.ephemeral("Run " + runId + ACCEPTED + Mrkdwn.escape(request.describe())
                        + " — its progress follows in this channel");
            }
            case PublishResult.Failed failed -> notTaken();
        };
    }
}
