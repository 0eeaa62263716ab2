package dev.gpuops.bot.incident;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentAcknowledged;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.IncidentUpdated;
import dev.gpuops.event.Origin;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.Verb;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders incidents in Slack: on open, the alert in the target's channel, the incident channel (topic, on-call
 * invited), a pinned summary updated in place, a timeline, and a {@code diagnose} run whose verdict lands in the
 * summary; on every change a timeline line; on resolve the durations and the alert turned "resolved".
 */
public final class IncidentNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentNotifier.class);

    /** Where one incident lives in Slack. */
    static final class Slots {
        String alertChannel;
        String alertTs;
        String channel;
        String summaryTs;
        String diagnoseRun;
        FailureDiagnosed diagnosis;
        Incident latest;
    }

    private final IncidentSlack slack;
    private final IncidentChannels channels;
    private final Consumer<CommandReceived> commands;
    private final Clock clock;
    private final Map<String, Slots> byIncident = new ConcurrentHashMap<>();
    private final Map<String, String> incidentOfRun = new ConcurrentHashMap<>();

    /** @param commands publishes the automatic {@code diagnose} command (the bot's command publisher) */
    public IncidentNotifier(IncidentSlack slack, IncidentChannels channels, Consumer<CommandReceived> commands,
                            Clock clock) {
        this.slack = slack;
        this.channels = channels;
        this.commands = commands;
        this.clock = clock;
    }

    public void accept(IncidentEvent event) {
        switch (event) {
            case IncidentOpened opened -> opened(opened.incident());
            case IncidentUpdated updated -> changed(updated.incident());
            case IncidentAcknowledged acked -> changed(acked.incident());
            case IncidentResolved resolved -> resolved(resolved.incident());
        }
    }

    /** A diagnosis of a run this notifier started goes into that incident's summary. */
    public void accept(RunEvent event) {
        if (event instanceof FailureDiagnosed diagnosed) {
            String incident = incidentOfRun.get(diagnosed.runId());
            Slots slots = incident == null ? null : byIncident.get(incident);
            if (slots != null) {
                slots.diagnosis = diagnosed;
                refreshSummary(slots);
                post(slots, "diagnosis: " + (diagnosed.patternId() == null ? "no known pattern"
                        : "`" + diagnosed.patternId() + "` — " + IncidentTexts.escape(diagnosed.meaning())));
            }
        }
    }

    public Optional<String> channelOf(String incidentId) {
        return Optional.ofNullable(byIncident.get(incidentId)).map(s -> s.channel);
    }

    private void opened(Incident incident) {
        if (byIncident.containsKey(incident.id())) {
            return;
        }
        Slots slots = new Slots();
        slots.latest = incident;
        byIncident.put(incident.id(), slots);
        slots.channel = channels.open(incident).orElse(null);
        slots.alertChannel = incident.channel();
        if (slots.alertChannel != null) {
            slots.alertTs = slack.post(slots.alertChannel, IncidentTexts.alert(incident, slots.channel)).orElse(null);
        }
        if (slots.channel == null) {
            LOG.warn("incident {} has no channel; it is followed in the alert only", incident.id());
            return;
        }
        if (!incident.providerWide()) {
            slots.diagnoseRun = diagnose(incident, slots.channel);
        }
        slots.summaryTs = slack.post(slots.channel, IncidentTexts.summary(incident, null, slots.diagnoseRun))
                .orElse(null);
        if (slots.summaryTs != null) {
            IncidentSlack.Answer<?> pinned = slack.pin(slots.channel, slots.summaryTs);
            if (!pinned.ok() && !"already_pinned".equals(pinned.error())) {
                LOG.warn("could not pin the summary of {}: {}", incident.id(), pinned.error());
            }
        }
        incident.timeline().forEach(entry -> slack.post(slots.channel, IncidentTexts.timeline(entry)));
    }

    private String diagnose(Incident incident, String channel) {
        String runId = Events.newRunId(clock);
        incidentOfRun.put(runId, incident.id());
        try {
            commands.accept(new CommandReceived(Events.newEventId(), clock.instant(), incident.target(), runId,
                    Verb.DIAGNOSE, Map.of(), new Origin("monitor", channel, "monitor", "gpuops monitor",
                    incident.id() + ":diagnose")));
            return runId;
        } catch (RuntimeException e) {
            LOG.warn("could not start the diagnosis of {}: {}", incident.id(), e.toString());
            incidentOfRun.remove(runId);
            return null;
        }
    }

    private void changed(Incident incident) {
        Slots slots = slotsFor(incident);
        List<Incident.Entry> fresh = incident.timeline().subList(Math.min(slots.latest.timeline().size(),
                incident.timeline().size()), incident.timeline().size());
        slots.latest = incident;
        refreshSummary(slots);
        fresh.forEach(entry -> post(slots, IncidentTexts.timeline(entry)));
        if (slots.channel != null) {
            slack.topic(slots.channel, IncidentTexts.topic(incident));
        }
    }

    private void resolved(Incident incident) {
        Slots slots = slotsFor(incident);
        changed(incident);
        if (slots.alertTs != null) {
            slack.update(slots.alertChannel, slots.alertTs, IncidentTexts.alert(incident, slots.channel));
        }
    }

    /** An incident opened before this bot started: nothing in Slack is known, so start from its state. */
    private Slots slotsFor(Incident incident) {
        return byIncident.computeIfAbsent(incident.id(), id -> {
            Slots slots = new Slots();
            slots.latest = incident;
            slots.alertChannel = incident.channel();
            return slots;
        });
    }

    private void refreshSummary(Slots slots) {
        if (slots.channel != null && slots.summaryTs != null) {
            slack.update(slots.channel, slots.summaryTs, IncidentTexts.summary(slots.latest, slots.diagnosis,
                    slots.diagnoseRun));
        }
    }

    private void post(Slots slots, String text) {
        if (slots.channel != null) {
            slack.post(slots.channel, text);
        } else if (slots.alertChannel != null && slots.alertTs != null) {
            slack.post(slots.alertChannel, text);
        }
    }
}
