package dev.gpuops.bot.incident;

import dev.gpuops.bot.slack.Requester;
import dev.gpuops.bot.slack.SlackReply;
import dev.gpuops.bot.slack.MonitorCommands;
import dev.gpuops.bot.slack.Mrkdwn;
import dev.gpuops.event.Events;
import dev.gpuops.event.Incident;
import dev.gpuops.event.TargetMuted;
import dev.gpuops.event.TargetUnmuted;
import dev.gpuops.monitor.IncidentBook;
import dev.gpuops.monitor.IncidentException;
import dev.gpuops.monitor.MonitorSink;
import dev.gpuops.target.Durations;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /gpu incidents}, {@code ack <incident>}, {@code resolve <incident> [note]}, {@code mute <target>
 * <duration>}, {@code unmute <target>}. Answers ephemerally; ack and resolve publish the changed incident to the
 * compacted incidents topic, mute and unmute publish to the health topic where the target's owner reads them.
 */
public final class IncidentCommands implements MonitorCommands {

    static final Duration MAX_MUTE = Duration.ofDays(7);
    static final String USAGE = "`incidents` · `ack <incident>` · `resolve <incident> [note]` · "
            + "`mute <target> <duration>` (e.g. 30m, 2h; at most 7d) · `unmute <target>`";

    private final IncidentBook book;
    private final MonitorSink sink;
    private final Targets targets;
    private final Clock clock;

    public IncidentCommands(IncidentBook book, MonitorSink sink, Targets targets, Clock clock) {
        this.book = book;
        this.sink = sink;
        this.targets = targets;
        this.clock = clock;
    }

    /** Empty when the text is not an incident command (the regular parser takes it). */
    private static final java.util.Set<String> WORDS = java.util.Set.of("incidents", "ack", "resolve", "mute", "unmute");

    /** The command word ({@code ack}), lower case; empty text gives "". */
    /** The command word of {@code text}; static for callers without an instance. */
    public static String wordOf(String text) {
        String stripped = text == null ? "" : text.strip();
        return stripped.isEmpty() ? "" : stripped.split(" +")[0].toLowerCase(Locale.ROOT);
    }

    /** Whether {@link #handle} answers this text. */
    @Override
    public String word(String text) {
        return wordOf(text);
    }

    @Override
    public boolean recognises(String text) {
        return WORDS.contains(word(text));
    }

    /**
     * The targets a command acts on, for the access policy: the target of {@code mute}/{@code unmute}, every member
     * of the incident for {@code ack}/{@code resolve}; empty for {@code incidents} or an unknown id (which
     * {@link #handle} then answers with its own error).
     */
    @Override
    public List<String> targetsOf(String text) {
        List<String> words = Arrays.asList(text.strip().split(" +"));
        if (words.size() < 2) {
            return List.of();
        }
        return switch (word(text)) {
            case "mute", "unmute" -> targets.find(words.get(1)).isPresent() ? List.of(words.get(1)) : List.of();
            case "ack", "resolve" -> book.find(words.get(1)).map(Incident::members).orElse(List.of());
            default -> List.of();
        };
    }

    @Override
    public Optional<SlackReply> handle(String text, Requester who) {
        List<String> words = text == null || text.isBlank() ? List.of()
                : Arrays.asList(text.strip().split(" +"));
        if (words.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = words.subList(1, words.size());
        return switch (words.getFirst().toLowerCase(Locale.ROOT)) {
            case "incidents" -> Optional.of(args.isEmpty() ? list() : usage("`incidents` takes no arguments."));
            case "ack" -> Optional.of(args.size() == 1 ? ack(args.getFirst(), who)
                    : usage("`ack` needs exactly one incident id (see `incidents`)."));
            case "resolve" -> Optional.of(args.isEmpty() ? usage("`resolve` needs an incident id (see `incidents`).")
                    : resolve(args.getFirst(), String.join(" ", args.subList(1, args.size())), who));
            case "mute" -> Optional.of(args.size() == 2 ? mute(args.get(0), args.get(1), who)
                    : usage("`mute` needs a target and a duration, e.g. `mute box-1 2h`."));
            case "unmute" -> Optional.of(args.size() == 1 ? unmute(args.getFirst(), who)
                    : usage("`unmute` needs exactly one target."));
            default -> Optional.empty();
        };
    }

    private SlackReply list() {
        List<Incident> open = book.open();
        if (open.isEmpty()) {
            return SlackReply.ephemeral("No open incidents.");
        }
        StringBuilder text = new StringBuilder("Open incidents:");
        for (Incident incident : open) {
            text.append("\n• `").append(incident.id()).append("` ")
                    .append(incident.status().name().toLowerCase(Locale.ROOT)).append(" · ")
                    .append(Mrkdwn.escape(String.join(", ", incident.members()))).append(" · since ")
                    .append(incident.failingSince());
        }
        return SlackReply.ephemeral(text.toString());
    }

    private SlackReply ack(String id, Requester who) {
        try {
            sink.publish(book.acknowledge(id, who.userId(), clock.instant()));
            return SlackReply.ephemeral("Acknowledged `" + id + "`.");
        } catch (IncidentException e) {
            return SlackReply.ephemeral(Mrkdwn.escape(e.getMessage()));
        }
    }

    private SlackReply resolve(String id, String note, Requester who) {
        try {
            sink.publish(book.resolve(id, who.userId(), note.isBlank() ? null : note, clock.instant()));
            return SlackReply.ephemeral("Resolved `" + id + "`.");
        } catch (IncidentException e) {
            return SlackReply.ephemeral(Mrkdwn.escape(e.getMessage()));
        }
    }

    private SlackReply mute(String target, String duration, Requester who) {
        if (targets.find(target).isEmpty()) {
            return unknownTarget(target);
        }
        Duration length;
        try {
            length = Durations.parse(duration);
        } catch (IllegalArgumentException e) {
            return usage("`" + Mrkdwn.escape(duration) + "` is not a duration: " + Durations.EXPECTED + ".");
        }
        if (length.isZero() || length.isNegative() || length.compareTo(MAX_MUTE) > 0) {
            return usage("mute for between 1s and 7d, not `" + Mrkdwn.escape(duration) + "`.");
        }
        Instant until = clock.instant().plus(length);
        sink.publish(new TargetMuted(Events.newEventId(), clock.instant(), target, until, who.userId()));
        return SlackReply.ephemeral("Muted `" + target + "` until " + until + ": no alerts for it until then"
                + " (`unmute " + target + "` ends it early).");
    }

    private SlackReply unmute(String target, Requester who) {
        if (targets.find(target).isEmpty()) {
            return unknownTarget(target);
        }
        sink.publish(new TargetUnmuted(Events.newEventId(), clock.instant(), target, who.userId()));
        return SlackReply.ephemeral("Unmuted `" + target + "`: alerts again from the next probe.");
    }

    private SlackReply unknownTarget(String target) {
        return SlackReply.ephemeral("Unknown target `" + Mrkdwn.escape(target) + "`. Known targets: "
                + String.join(", ", targets.names().stream().sorted().toList()) + ".");
    }

    private static SlackReply usage(String problem) {
        return SlackReply.ephemeral(problem + "\nUsage: " + USAGE);
    }
}
