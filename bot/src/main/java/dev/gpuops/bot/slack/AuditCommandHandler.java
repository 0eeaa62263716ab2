package dev.gpuops.bot.slack;

import dev.gpuops.audit.AuditRecord;
import dev.gpuops.bot.audit.AuditView;
import dev.gpuops.target.Target;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code /gpu audit [target]}: the last 20 audit records the user may view, newest first, ephemeral. */
public class AuditCommandHandler {

    static final int LIMIT = 20;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm:ss")
            .withZone(ZoneOffset.UTC);

    private final AuditView view;
    private final IngressAccess access;

    public AuditCommandHandler(AuditView view, IngressAccess access) {
        this.view = view;
        this.access = access;
    }

    public SlackReply handle(String targetName, Requester who) {
        if (targetName != null) {
            Optional<Target> target = access.target(targetName);
            if (target.isEmpty()) {
                return SlackReply.ephemeral("Unknown target `" + Mrkdwn.escape(targetName) + "`.");
            }
            Optional<SlackReply> refused = IngressAccess.reply(access.control().command("audit", target.get(),
                    who.userId(), who.channelId()));
            if (refused.isPresent()) {
                return refused.get();
            }
        }
        List<AuditRecord> records = view.latest(LIMIT, r -> targetName == null ? visible(r, who)
                : targetName.equals(r.target()));
        if (records.isEmpty()) {
            return SlackReply.ephemeral("No audit records" + (targetName == null ? "" : " for " + targetName)
                    + " yet.");
        }
        return SlackReply.ephemeral("*Audit* (last " + records.size() + ", newest first, UTC)\n"
                + records.stream().map(AuditCommandHandler::line).collect(Collectors.joining("\n")));
    }

    private boolean visible(AuditRecord record, Requester who) {
        return access.mayView(record.target(), who);
    }

    private static String line(AuditRecord r) {
        String who = r.userId() == null ? "gpuops" : r.userId().matches("[UW][A-Z0-9]+") ? "<@" + r.userId() + ">"
                : Mrkdwn.escape(r.userId());
        return "`" + TIME.format(r.occurredAt()) + "` " + Mrkdwn.escape(r.target())
                + (r.runId() == null ? "" : " " + r.runId()) + " · " + who + " · " + Mrkdwn.escape(r.action())
                + " → *" + Mrkdwn.escape(r.outcome()) + "*"
                + (r.detail() == null || r.detail().isBlank() ? ""
                : " — " + Mrkdwn.escape(r.detail().length() > 160 ? r.detail().substring(0, 160) + "…"
                : r.detail()));
    }
}
