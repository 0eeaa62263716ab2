package dev.gpuops.bot.slack;

import dev.gpuops.bot.sandbox.SandboxCommand;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.handler.builtin.SlashCommandHandler;
import com.slack.api.bolt.request.builtin.SlashCommandRequest;
import com.slack.api.bolt.response.Response;
import dev.gpuops.bot.support.Names;
import dev.gpuops.bot.support.RecentKeys;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /gpu} slash command: parses, hands the command to its verb's handler and acks with the handler's
 * reply. A trigger id is answered once: a Slack retry of a command that was already queued gets the same answer
 * instead of a second run.
 */
public class GpuCommand implements SlashCommandHandler {

    private static final Logger LOG = LoggerFactory.getLogger(GpuCommand.class);
    private static final SlackReply PENDING = SlackReply.ephemeral("pending");

    private final CommandParser parser;
    private final RunCommandHandler runCommands;
    private final RunsCommandHandler runsCommand;
    private final CancelCommandHandler cancelCommand;
    private final HelpCommandHandler helpCommand;
    private final RecentKeys<SlackReply> answered;
    private final SandboxCommand sandbox;

    public GpuCommand(CommandParser parser, RunCommandHandler runCommands, RunsCommandHandler runsCommand,
                      CancelCommandHandler cancelCommand, HelpCommandHandler helpCommand,
                      RecentKeys<SlackReply> answered) {
        this(parser, runCommands, runsCommand, cancelCommand, helpCommand, answered, null);
    }

    /** {@code sandbox} handles {@code /gpu sandbox …} when the demo's simulators run; null otherwise. */
    public GpuCommand(CommandParser parser, RunCommandHandler runCommands, RunsCommandHandler runsCommand,
                      CancelCommandHandler cancelCommand, HelpCommandHandler helpCommand,
                      RecentKeys<SlackReply> answered, SandboxCommand sandbox) {
        this.sandbox = sandbox;
        this.parser = parser;
        this.runCommands = runCommands;
        this.runsCommand = runsCommand;
        this.cancelCommand = cancelCommand;
        this.helpCommand = helpCommand;
        this.answered = answered;
    }

    @Override
    public Response apply(SlashCommandRequest request, SlashCommandContext context) {
        SlashCommandPayload payload = request.getPayload();
        Requester who = Requester.of(payload);
        String retry = request.getHeaders().getFirstValue("X-Slack-Retry-Num");
        // DEBUG: this runs for every invocation, on the ack path; the durable record of a run is its Kafka event
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} from {} in {}{}: {}", payload.getCommand(), who.userId(), who.channelId(),
                    retry == null ? "" : " (Slack retry " + Names.loggable(retry) + ")",
                    Names.loggable(payload.getText()));
        }
        SlackReply reply;
        try {
            reply = answer(payload.getText(), who);
        } catch (RuntimeException e) {
            LOG.error("Failed to handle {} from {}", Names.loggable(payload.getText()), who.userId(), e);
            reply = SlackReply.ephemeral("gpuops failed to handle this command (" + e.getClass().getSimpleName()
                    + "); nothing was queued. The bot's log has the details.");
        }
        SlackReply answer = reply;
        return context.ack(r -> r.responseType(answer.responseType()).text(answer.text()));
    }

    SlackReply answer(String text, Requester who) {
        String key = who.triggerId();
        if (key == null || key.isBlank()) {
            return dispatch(text, who);
        }
        Optional<SlackReply> earlier = answered.claim(key, PENDING);
        if (earlier.isPresent()) {
            return earlier.get() == PENDING
                    ? SlackReply.ephemeral("This command is already being processed (Slack retried it); "
                    + "it will not run twice.")
                    : earlier.get();
        }
        SlackReply reply = null;
        try {
            reply = dispatch(text, who);
            return reply;
        } finally {
            if (reply == null || reply.retryable()) {
                answered.release(key);
            } else {
                answered.update(key, reply);
            }
        }
    }

    private SlackReply dispatch(String text, Requester who) {
        if (sandbox != null) {
            Optional<SlackReply> handled = sandbox.handle(text);
            if (handled.isPresent()) {
                return handled.get();
            }
        }
        return switch (parser.parse(text)) {
            case ParsedCommand.RunRequest run -> runCommands.handle(run, who);
            case ParsedCommand.Cancel cancel -> cancelCommand.handle(cancel, who);
            case ParsedCommand.ListRuns list -> runsCommand.handle();
            case ParsedCommand.Help help -> helpCommand.help();
            case ParsedCommand.Rejected rejected -> helpCommand.rejected(rejected);
        };
    }
}
