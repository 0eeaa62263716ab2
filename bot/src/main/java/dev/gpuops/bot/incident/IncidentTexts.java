package dev.gpuops.bot.incident;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Incident;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The words of the incident flow: alert, pinned summary, timeline lines, topic. */
final class IncidentTexts {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private IncidentTexts() {
    }

    static String time(Instant at) {
        return at == null ? "?" : TIME.format(at);
    }

    static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String what(Incident incident) {
        return incident.providerWide() ? incident.members().size() + " " + incident.provider() + " targets ("
                + String.join(", ", incident.members()) + ")" : incident.target();
    }

    static String alert(Incident incident, String channelId) {
        if (!incident.open()) {
            return ":white_check_mark: *Resolved:* " + escape(what(incident)) + " — `" + incident.id() + "` after "
                    + human(incident.duration()) + (channelId == null ? "" : " · <#" + channelId + ">");
        }
        StringBuilder text = new StringBuilder(":rotating_light: *" + escape(what(incident)) + " is failing* since "
                + time(incident.failingSince()) + " — `" + incident.id() + "`\n");
        checks(text, incident);
        text.append(channelId == null ? "_No incident channel could be created; follow it here._"
                : "Incident channel: <#" + channelId + ">");
        return text.toString();
    }

    static String summary(Incident incident, FailureDiagnosed diagnosis, String diagnoseRun) {
        StringBuilder text = new StringBuilder("*Incident `" + incident.id() + "` — " + escape(what(incident))
                + "* · " + incident.status().name().toLowerCase(Locale.ROOT) + "\n");
        text.append("*What fails* (since ").append(time(incident.failingSince())).append("):\n");
        checks(text, incident);
        text.append("*Diagnosis:* ");
        if (diagnosis != null && diagnosis.patternId() != null) {
            text.append("`").append(diagnosis.patternId()).append("` — ").append(escape(diagnosis.meaning()))
                    .append("\n*Fix:* ").append(escape(diagnosis.fix()));
            diagnosis.evidence().stream().limit(3).forEach(e -> text.append("\n> ").append(escape(e)));
        } else if (diagnosis != null) {
            text.append("no known pattern matched; last lines:");
            diagnosis.evidence().stream().limit(3).forEach(e -> text.append("\n> ").append(escape(e)));
        } else {
            text.append(diagnoseRun == null ? "not run" : "running (`" + diagnoseRun + "`)…");
        }
        text.append("\n*Automatic actions:* ").append(incident.runs().isEmpty() ? "none"
                : String.join(", ", incident.runs().stream().map(r -> "`" + r + "`").toList()));
        text.append("\n*Suggested:* `/gpu diagnose ").append(incident.members().getFirst()).append("` · `/gpu ack ")
                .append(incident.id()).append("` · `/gpu resolve ").append(incident.id()).append(" <note>`");
        if (incident.provider().equals("runpod")) {
            text.append(" · purge is never automatic: `/gpu purge <target>` drops queued jobs");
        }
        if (incident.acknowledgedBy() != null) {
            text.append("\n*Acknowledged by* <@").append(incident.acknowledgedBy()).append(">");
        }
        if (!incident.open()) {
            text.append("\n*Resolved* at ").append(time(incident.resolvedAt())).append(" by ")
                    .append("monitor".equals(incident.resolvedBy()) ? "the monitor (recovered)"
                            : "<@" + incident.resolvedBy() + ">")
                    .append("\n*Duration* ").append(human(incident.duration())).append(" · *time to detect* ")
                    .append(human(incident.timeToDetect())).append(" · *time to recover* ")
                    .append(incident.timeToRecover() == null ? "n/a (resolved by hand)"
                            : human(incident.timeToRecover()));
        }
        return text.toString();
    }

    static String topic(Incident incident) {
        return what(incident) + " · " + incident.status().name().toLowerCase(Locale.ROOT) + " · since "
                + time(incident.failingSince());
    }

    /** Timeline text is escaped, except the user mentions gpuops itself wrote (acknowledged by <@U…>). */
    static String timeline(Incident.Entry entry) {
        return "`" + time(entry.at()) + "` " + escape(entry.text()).replaceAll("&lt;@([UW][A-Z0-9]+)&gt;", "<@$1>");
    }

    private static void checks(StringBuilder text, Incident incident) {
        for (CheckResult check : incident.failing()) {
            text.append("• `").append(check.check()).append("` ").append(escape(check.evidence())).append('\n');
        }
    }

    static String human(Duration d) {
        if (d == null) {
            return "n/a";
        }
        long s = Math.max(0, d.toSeconds());
        return s >= 3600 ? s / 3600 + "h " + (s % 3600) / 60 + "m" : s >= 60 ? s / 60 + "m " + s % 60 + "s" : s + "s";
    }
}
