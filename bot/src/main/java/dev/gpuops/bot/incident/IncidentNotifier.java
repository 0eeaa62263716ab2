package dev.gpuops.bot.incident;

import dev.gpuops.event.FailureDiagnosed;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentAcknowledged;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.IncidentUpdated;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders incidents in Slack: on open, the alert in the target's channel, the incident channel (topic, on-call
 * invited), a pinned summary updated in place with the verdict of the incident's automatic {@code diagnose} run,
 * and a timeline; on every change a timeline line; on resolve the durations and the alert turned "resolved".
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
    private final Map<String, Slots> byIncident = new ConcurrentHashMap<>();
    private final Map<String, String> incidentOfRun = new ConcurrentHashMap<>();

    public IncidentNotifier(IncidentSlack slack, IncidentChannels channels) {
        this.slack = slack;
        this.channels = channels;
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
        if (event instanceof RunFinished finished && incidentOfRun.containsKey(finished.runId())) {
            Slots slots = byIncident.get(incidentOfRun.get(finished.runId()));
            if (slots != null && slots.diagnosis == null) {
                slots.diagnosis = new FailureDiagnosed(finished.eventId(), finished.occurredAt(), finished.target(),
                        finished.runId(), null, null, 0, null, null, List.of("diagnose " + finished.outcome().name()
                        .toLowerCase(java.util.Locale.ROOT) + ": " + finished.summary()), null);
                refreshSummary(slots);
            }
            return;
        }
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
        track(slots, incident);
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

    private void track(Slots slots, Incident incident) {
        if (incident.diagnoseRun() != null && slots.diagnoseRun == null) {
            slots.diagnoseRun = incident.diagnoseRun();
            incidentOfRun.put(incident.diagnoseRun(), incident.id());
        }
    }

    private void changed(Incident incident) {
        Slots slots = slotsFor(incident);
        List<Incident.Entry> fresh = incident.timeline().subList(Math.min(slots.latest.timeline().size(),
                incident.timeline().size()), incident.timeline().size());
        slots.latest = incident;
        track(slots, incident);
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
