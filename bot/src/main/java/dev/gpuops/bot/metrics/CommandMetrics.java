package dev.gpuops.bot.metrics;

import dev.gpuops.bot.slack.CommandObserver;
import dev.gpuops.bot.slack.ParsedCommand;
import dev.gpuops.bot.slack.RunCommandHandler;
import dev.gpuops.bot.slack.SlackReply;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code gpuops_commands_total{verb,outcome}}. Both labels come from closed sets: the verb from the parsed command
 * (never the typed text), the outcome from how it was answered.
 */
public final class CommandMetrics implements CommandObserver {

    private static final java.util.Set<String> INCIDENT_VERBS = java.util.Set.of("incidents", "ack", "resolve",
            "mute", "unmute");
    private static final java.util.List<String> INCIDENT_DONE = java.util.List.of("Acknowledged `", "Resolved `",
            "Muted `", "Unmuted `", "Open incidents:", "No open incidents.");

    private final MeterRegistry registry;

    public CommandMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void answered(ParsedCommand command, SlackReply reply) {
        Counter.builder("gpuops.commands")
                .description("Slash commands answered, by verb and outcome")
                .tag("verb", verb(command, reply))
                .tag("outcome", outcome(command, reply))
                .register(registry)
                .increment();
    }

    @Override
    public void incidentAnswered(String verb, SlackReply reply) {
        Counter.builder("gpuops.commands")
                .description("Slash commands answered, by verb and outcome")
                .tag("verb", INCIDENT_VERBS.contains(verb) ? verb : "invalid")
                .tag("outcome", incidentOutcome(reply))
                .register(registry)
                .increment();
    }

    /** answered (done), refused (access policy), rejected (unknown incident or target, bad duration, usage). */
    static String incidentOutcome(SlackReply reply) {
        if (reply == null) {
            return "error";
        }
        String text = reply.text() == null ? "" : reply.text();
        if (text.startsWith("Refused")) {
            return "refused";
        }
        return INCIDENT_DONE.stream().anyMatch(text::startsWith) ? "answered" : "rejected";
    }

    static String verb(ParsedCommand command, SlackReply reply) {
        if (command == null) {
            return reply == null ? "unknown" : "sandbox";
        }
        return switch (command) {
            case ParsedCommand.RunRequest run -> run.verb().key();
            case ParsedCommand.Cancel cancel -> "cancel";
            case ParsedCommand.ListRuns list -> "runs";
            case ParsedCommand.Decide decide -> decide.approve() ? "approve" : "deny";
            case ParsedCommand.Audit audit -> "audit";
            case ParsedCommand.Help help -> "help";
            case ParsedCommand.Rejected rejected -> "invalid";
        };
    }

    static String outcome(ParsedCommand command, SlackReply reply) {
        if (reply == null) {
            return "error";
        }
        if (command instanceof ParsedCommand.Rejected) {
            return "rejected";
        }
        if (reply.retryable()) {
            return "not_taken";
        }
        if (reply.text() != null && reply.text().startsWith("Refused")) {
            return "refused";
        }
        return command instanceof ParsedCommand.RunRequest && RunCommandHandler.accepted(reply) ? "queued"
                : "answered";
    }
}
