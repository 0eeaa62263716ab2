package dev.gpuops.bot.incident;

import com.slack.api.methods.response.conversations.ConversationsCreateResponse;
import dev.gpuops.event.Incident;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates an incident's channel: named after the incident (lower case, at most 80 characters, a {@code -2},
 * {@code -3} suffix when the name is taken), its topic set, and the target's {@code oncall} plus
 * {@code GPUOPS_INCIDENT_ONCALL} invited one by one (user groups expanded), so one bad id loses nobody else.
 */
public final class IncidentChannels {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentChannels.class);
    private static final int MAX_NAME = 80;
    private static final Set<String> HARMLESS = Set.of("already_in_channel", "cant_invite_self");

    private final IncidentSlack slack;
    private final Targets targets;
    private final List<String> defaultOncall;

    public IncidentChannels(IncidentSlack slack, Targets targets, List<String> defaultOncall) {
        this.slack = slack;
        this.targets = targets;
        this.defaultOncall = List.copyOf(defaultOncall);
    }

    static String channelName(String base, int attempt) {
        String clean = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "-");
        String suffix = attempt == 1 ? "" : "-" + attempt;
        String head = clean.length() + suffix.length() > MAX_NAME ? clean.substring(0, MAX_NAME - suffix.length())
                : clean;
        return head + suffix;
    }

    /** @return the channel id, or empty when Slack would not create one (the alert still goes out) */
    public Optional<String> open(Incident incident) {
        Optional<String> channel = create(incident);
        channel.ifPresent(id -> prepare(id, incident));
        return channel;
    }

    /** {@code conversations.create} under the incident's name, with a suffix while the name is taken. */
    public Optional<String> create(Incident incident) {
        for (int attempt = 1; attempt <= 20; attempt++) {
            IncidentSlack.Answer<ConversationsCreateResponse> created = slack.create(channelName(incident.id(),
                    attempt));
            if (created.ok()) {
                return Optional.of(created.response().getChannel().getId());
            }
            if (!"name_taken".equals(created.error())) {
                LOG.warn("conversations.create for {} failed: {}", incident.id(), created.error());
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The new channel's topic and its people. */
    public void prepare(String channel, Incident incident) {
        slack.topic(channel, IncidentTexts.topic(incident));
        invite(channel, incident);
    }

    private void invite(String channel, Incident incident) {
        List<String> problems = new ArrayList<>();
        for (String user : people(incident)) {
            IncidentSlack.Answer<?> answer = slack.invite(channel, user);
            if (!answer.ok() && !HARMLESS.contains(answer.error())) {
                problems.add("<@" + user + ">: " + answer.error());
            }
        }
        if (!problems.isEmpty()) {
            slack.post(channel, "Could not invite " + String.join(", ", problems)
                    + ". Check the target's `oncall` and GPUOPS_INCIDENT_ONCALL.");
        }
    }

    Set<String> people(Incident incident) {
        Set<String> ids = new LinkedHashSet<>();
        for (String member : incident.members()) {
            targets.find(member).map(Target::oncall).ifPresent(ids::addAll);
        }
        ids.addAll(defaultOncall);
        Set<String> users = new LinkedHashSet<>();
        for (String id : ids) {
            if (id.startsWith("S")) {
                users.addAll(slack.groupMembers(id));
            } else {
                users.add(id);
            }
        }
        return users;
    }
}
