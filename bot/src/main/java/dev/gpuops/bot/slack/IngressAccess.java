package dev.gpuops.bot.slack;

import dev.gpuops.access.AccessControl;
import dev.gpuops.access.AccessDecision;
import dev.gpuops.access.CommandGuard;
import dev.gpuops.audit.AuditLog;
import dev.gpuops.audit.AuditRecord;
import dev.gpuops.event.Events;
import java.time.Clock;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.util.List;
import java.util.Optional;

/**
 * The ingress half of authorization: a command the access policy refuses is answered with an ephemeral refusal and
 * never published. The handlers check again on their side.
 */
public final class IngressAccess {

    private final Targets targets;
    private final AccessControl access;
    private final RunsView runs;
    private final AuditLog audit;
    private final Clock clock;

    public IngressAccess(Targets targets, AccessControl access, RunsView runs, AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
        this.targets = targets;
        this.access = access;
        this.runs = runs;
    }

    public AccessControl control() {
        return access;
    }

    public Optional<Target> target(String name) {
        return targets.find(name);
    }

    /** @return the refusal to answer with (also written to the audit log), or empty to go ahead */
    public Optional<SlackReply> refusal(ParsedCommand command, Requester who) {
        Optional<SlackReply> refusal = judge(command, who);
        refusal.ifPresent(reply -> refused(targetOf(command), null, describe(command), who, reply.text()));
        return refusal;
    }

    /**
     * For commands judged by their word and the targets they act on (the monitor's {@code ack}, {@code mute} …):
     * refused unless allowed on every one of them; with no target (a listing), allowed to anyone who views one.
     */
    public Optional<SlackReply> refusal(String word, List<String> targetNames, Requester who) {
        if (targetNames.isEmpty()) {
            return viewsSomething(who) ? Optional.empty() : Optional.of(SlackReply.ephemeral("Refused: `" + word
                    + "` needs viewer permission on at least one target, from one of its channels; ask whoever "
                    + "maintains the targets file's `access:`."));
        }
        for (String name : targetNames) {
            Optional<SlackReply> refusal = judge(word, name, who);
            if (refusal.isPresent()) {
                refused(name, null, word, who, refusal.get().text());
                return refusal;
            }
        }
        return Optional.empty();
    }

    /** May {@code who}, asking from their channel, view {@code targetName} (its runs, its audit records)? */
    public boolean mayView(String targetName, Requester who) {
        return targetName != null && targets.find(targetName).map(t -> access.command("runs", t, who.userId(),
                who.channelId()).allowed()).orElse(false);
    }

    /** Writes a refusal the ingress answered itself to the audit log. */
    public void refused(String target, String runId, String action, Requester who, String reason) {
        audit.record(new AuditRecord(Events.newEventId(), clock.instant(), target == null ? "" : target, runId,
                who.userId(), "slack", action, "refused", reason));
    }

    private String targetOf(ParsedCommand command) {
        return switch (command) {
            case ParsedCommand.RunRequest run -> run.target();
            case ParsedCommand.Cancel cancel -> runs.find(cancel.runId()).map(r -> r.target()).orElse(null);
            default -> null;
        };
    }

    private static String describe(ParsedCommand command) {
        return switch (command) {
            case ParsedCommand.RunRequest run -> run.describe();
            case ParsedCommand.Cancel cancel -> "cancel " + cancel.runId();
            case ParsedCommand.ListRuns list -> "runs";
            default -> command.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private Optional<SlackReply> judge(ParsedCommand command, Requester who) {
        return switch (command) {
            case ParsedCommand.RunRequest run -> judge(run.dryRun() ? "plan" : run.verb().key(), run.target(), who);
            case ParsedCommand.Cancel cancel -> runs.find(cancel.runId()).flatMap(run -> targets.find(run.target()))
                    .flatMap(t -> reply(access.cancel(t, who.userId(), who.channelId(),
                            runs.requester(cancel.runId()).orElse(null))));
            case ParsedCommand.ListRuns list -> viewsSomething(who) ? Optional.empty()
                    : Optional.of(SlackReply.ephemeral("Refused: `runs` needs viewer permission on at least one "
                    + "target, from one of its channels; ask whoever maintains the targets file's `access:`."));
            case ParsedCommand.Decide decide -> Optional.empty();
            case ParsedCommand.Audit audit -> Optional.empty();
            case ParsedCommand.Help help -> Optional.empty();
            case ParsedCommand.Rejected rejected -> Optional.empty();
        };
    }

    private Optional<SlackReply> judge(String word, String targetName, Requester who) {
        return targets.find(targetName).flatMap(t -> reply(access.command(word, t, who.userId(), who.channelId())));
    }

    private boolean viewsSomething(Requester who) {
        return targets.all().stream().anyMatch(t -> access.command("runs", t, who.userId(), who.channelId())
                .allowed());
    }

    static Optional<SlackReply> reply(AccessDecision decision) {
        return CommandGuard.refusalText(decision).map(SlackReply::ephemeral);
    }
}
