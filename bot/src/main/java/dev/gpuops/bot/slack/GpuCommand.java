package dev.gpuops.bot.slack;

import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.bolt.util.JsonOps;
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
    private final DemoCommands sandbox;
    private volatile CommandObserver observer = CommandObserver.NONE;
    /** The last answer and its JSON: {@code help} answers with one shared reply, serialised once. */
    private volatile AckBody lastAck = new AckBody(null, null);
    private IngressAccess access;
    private ApprovalHandler approvals;
    private AuditCommandHandler auditCommand;
    private MonitorCommands incidents;

    public GpuCommand(CommandParser parser, RunCommandHandler runCommands, RunsCommandHandler runsCommand,
                      CancelCommandHandler cancelCommand, HelpCommandHandler helpCommand,
                      RecentKeys<SlackReply> answered) {
        this(parser, runCommands, runsCommand, cancelCommand, helpCommand, answered, null);
    }

    /** {@code sandbox} handles {@code /gpu sandbox …} when the demo's simulators run; null otherwise. */
    public GpuCommand(CommandParser parser, RunCommandHandler runCommands, RunsCommandHandler runsCommand,
                      CancelCommandHandler cancelCommand, HelpCommandHandler helpCommand,
                      RecentKeys<SlackReply> answered, DemoCommands sandbox) {
        this.sandbox = sandbox;
        this.parser = parser;
        this.runCommands = runCommands;
        this.runsCommand = runsCommand;
        this.cancelCommand = cancelCommand;
        this.helpCommand = helpCommand;
        this.answered = answered;
    }

    /** Who hears how each command was answered (metrics); one observer, replaced by each call. */
    public void observe(CommandObserver commandObserver) {
        this.observer = commandObserver == null ? CommandObserver.NONE : commandObserver;
    }

    /**
     * Turns on authorization: every command is judged by the access policy before anything is published, and
     * {@code approve}/{@code deny} are answered. Without it (tests of parsing alone) nothing is refused here; the
     * handlers still check every command they consume.
     */
    public GpuCommand withAccess(IngressAccess ingressAccess, ApprovalHandler approvalHandler) {
        this.access = ingressAccess;
        this.approvals = approvalHandler;
        return this;
    }

    /** Answers {@code /gpu audit [target]}. */
    public GpuCommand withAudit(AuditCommandHandler handler) {
        this.auditCommand = handler;
        return this;
    }

    /** Adds {@code incidents}, {@code ack}, {@code resolve}, {@code mute}, {@code unmute}; null leaves them out. */
    public GpuCommand withIncidents(MonitorCommands commands) {
        this.incidents = commands;
        return this;
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
            observer.answered(null, null);
            reply = SlackReply.ephemeral("gpuops failed to handle this command (" + e.getClass().getSimpleName()
                    + "); nothing was queued. The bot's log has the details.");
        }
        return ack(reply);
    }

    private record AckBody(SlackReply reply, String json) {
    }

    /** What {@code context.ack(r -> r.responseType(…).text(…))} answers, with the JSON of a repeated reply reused. */
    private Response ack(SlackReply reply) {
        AckBody last = lastAck;
        if (last.reply() != reply) {
            last = new AckBody(reply, JsonOps.toJsonString(SlashCommandResponse.builder()
                    .responseType(reply.responseType()).text(reply.text()).build()));
            lastAck = last;
        }
        return Response.builder().statusCode(200).contentType(Response.CONTENT_TYPE_APPLICATION_JSON_UTF8)
                .body(last.json()).build();
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
                observer.answered(null, handled.get());
                return handled.get();
            }
        }
        Optional<SlackReply> incident = incidentCommand(text, who);
        if (incident.isPresent()) {
            return incident.get();
        }
        ParsedCommand command = parser.parse(text);
        Optional<SlackReply> refusal = access == null ? Optional.empty() : access.refusal(command, who);
        if (refusal.isPresent()) {
            LOG.info("refused {} from {} in {}: {}", Names.loggable(text), who.userId(), who.channelId(),
                    refusal.get().text());
            observer.answered(command, refusal.get());
            return refusal.get();
        }
        SlackReply reply = switch (command) {
            case ParsedCommand.Decide decide -> approvals == null
                    ? SlackReply.ephemeral("Approvals are not enabled in this gpuops.")
                    : approvals.handle(decide.runId(), null, decide.approve(), who);
            case ParsedCommand.Audit audit -> auditCommand == null
                    ? SlackReply.ephemeral("The audit log is not enabled in this gpuops.")
                    : auditCommand.handle(audit.target(), who);
            case ParsedCommand.RunRequest run -> runCommands.handle(run, who);
            case ParsedCommand.Cancel cancel -> cancelCommand.handle(cancel, who);
            case ParsedCommand.ListRuns list -> runsCommand.handle(who);
            case ParsedCommand.Help help -> helpCommand.help();
            case ParsedCommand.Rejected rejected -> helpCommand.rejected(rejected);
        };
        observer.answered(command, reply);
        return reply;
    }

    /** The monitor's commands (incidents, ack, resolve, mute, unmute), judged by the access policy like the rest. */
    private Optional<SlackReply> incidentCommand(String text, Requester who) {
        if (incidents == null || !incidents.recognises(text)) {
            return Optional.empty();
        }
        Optional<SlackReply> reply = Optional.empty();
        if (access != null) {
            reply = access.refusal(incidents.word(text), incidents.targetsOf(text), who);
        }
        if (reply.isEmpty()) {
            reply = incidents.handle(text, who);
        }
        observer.incidentAnswered(incidents.word(text), reply.orElse(null));
        return reply;
    }
}
