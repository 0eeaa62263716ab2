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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renders incidents in Slack: on open, the alert in the target's channel, the incident channel (topic, on-call
 * invited), a pinned summary updated in place with the verdict of the incident's automatic {@code diagnose} run,
 * and a timeline; on every change a timeline line; on resolve the durations and the alert turned "resolved".
 *
 * <p>Where each incident is in Slack is stored in {@link IncidentPlaces} (on Kafka) after every step, so a restarted
 * bot, or the replica that takes the incidents' partitions over, carries on in the same channel and messages. An
 * open redelivered after a crash resumes at the first step without a stored result.
 */
public final class IncidentNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(IncidentNotifier.class);

    /** Where one incident lives in Slack, and the latest incident state this process saw. */
    static final class Slots {
        String id;
        String alertChannel;
        String alertTs;
        String channel;
        String summaryTs;
        String diagnoseRun;
        FailureDiagnosed diagnosis;
        int timelinePosted;
        java.time.Instant resolvedAt;
        java.time.Instant archivedAt;
        Incident latest;

        static Slots of(IncidentPlace place) {
            Slots slots = new Slots();
            slots.id = place.incidentId();
            slots.alertChannel = place.alertChannel();
            slots.alertTs = place.alertTs();
            slots.channel = place.channel();
            slots.summaryTs = place.summaryTs();
            slots.diagnoseRun = place.diagnoseRun();
            slots.diagnosis = place.diagnosis();
            slots.timelinePosted = place.timelinePosted();
            slots.resolvedAt = place.resolvedAt();
            slots.archivedAt = place.archivedAt();
            return slots;
        }

        IncidentPlace place() {
            return new IncidentPlace(id, channel, alertChannel, alertTs, summaryTs, diagnoseRun, diagnosis,
                    timelinePosted, resolvedAt, archivedAt);
        }
    }

    private final IncidentSlack slack;
    private final IncidentChannels channels;
    private final IncidentPlaces places;
    private final Map<String, Slots> byIncident = new ConcurrentHashMap<>();

    public IncidentNotifier(IncidentSlack slack, IncidentChannels channels, IncidentPlaces places) {
        this.slack = slack;
        this.channels = channels;
        this.places = places;
    }

    /** Slack coordinates in this process only: for tests that restart nothing. */
    public IncidentNotifier(IncidentSlack slack, IncidentChannels channels) {
        this(slack, channels, IncidentPlaces.inMemory());
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
        if (!(event instanceof RunFinished || event instanceof FailureDiagnosed)) {
            return;
        }
        Optional<Slots> found = ofDiagnoseRun(event.runId());
        if (found.isEmpty()) {
            return;
        }
        Slots slots = found.get();
        if (event instanceof RunFinished finished && slots.diagnosis == null) {
            slots.diagnosis = new FailureDiagnosed(finished.eventId(), finished.occurredAt(), finished.target(),
                    finished.runId(), null, null, 0, null, null, List.of("diagnose " + finished.outcome().name()
                    .toLowerCase(Locale.ROOT) + ": " + finished.summary()), null);
            refreshSummary(slots);
            save(slots);
        } else if (event instanceof FailureDiagnosed diagnosed) {
            slots.diagnosis = diagnosed;
            refreshSummary(slots);
            save(slots);
            post(slots, "diagnosis: " + (diagnosed.patternId() == null ? "no known pattern"
                    : "`" + diagnosed.patternId() + "` — " + IncidentTexts.escape(diagnosed.meaning())));
        }
    }

    public Optional<String> channelOf(String incidentId) {
        return known(incidentId).map(s -> s.channel);
    }

    private Optional<Slots> ofDiagnoseRun(String runId) {
        if (runId == null) {
            return Optional.empty();
        }
        return places.all().stream().filter(p -> runId.equals(p.diagnoseRun())).findFirst()
                .flatMap(p -> known(p.incidentId()));
    }

    private Optional<Slots> known(String incidentId) {
        Slots cached = byIncident.get(incidentId);
        if (cached != null) {
            return Optional.of(cached);
        }
        return places.find(incidentId).map(place -> byIncident.computeIfAbsent(incidentId, id -> Slots.of(place)));
    }

    private void opened(Incident incident) {
        Slots slots = slotsFor(incident);
        if (slots.alertTs != null && (slots.channel == null || slots.summaryTs != null)) {
            return; // a redelivery of an open that is done
        }
        slots.latest = incident;
        if (slots.channel == null && slots.alertTs == null) {
            slots.channel = channels.create(incident).orElse(null);
            save(slots);
            if (slots.channel != null) {
                channels.prepare(slots.channel, incident);
            }
        }
        if (slots.alertTs == null && slots.alertChannel != null) {
            slots.alertTs = slack.post(slots.alertChannel, IncidentTexts.alert(incident, slots.channel)).orElse(null);
            save(slots);
        }
        if (slots.channel == null) {
            LOG.warn("incident {} has no channel; it is followed in the alert only", incident.id());
            slots.timelinePosted = incident.timeline().size();
            save(slots);
            return;
        }
        track(slots, incident);
        slots.summaryTs = slack.post(slots.channel, IncidentTexts.summary(incident, null, slots.diagnoseRun))
                .orElse(null);
        save(slots);
        if (slots.summaryTs != null) {
            IncidentSlack.Answer<?> pinned = slack.pin(slots.channel, slots.summaryTs);
            if (!pinned.ok() && !"already_pinned".equals(pinned.error())) {
                LOG.warn("could not pin the summary of {}: {}", incident.id(), pinned.error());
            }
        }
        postTimeline(slots, incident);
    }

    private void track(Slots slots, Incident incident) {
        if (incident.diagnoseRun() != null && slots.diagnoseRun == null) {
            slots.diagnoseRun = incident.diagnoseRun();
        }
    }

    private void changed(Incident incident) {
        Slots slots = slotsFor(incident);
        slots.latest = incident;
        track(slots, incident);
        refreshSummary(slots);
        postTimeline(slots, incident);
        if (slots.channel != null) {
            slack.topic(slots.channel, IncidentTexts.topic(incident));
        }
    }

    private void postTimeline(Slots slots, Incident incident) {
        List<Incident.Entry> timeline = incident.timeline();
        for (Incident.Entry entry : timeline.subList(Math.min(slots.timelinePosted, timeline.size()),
                timeline.size())) {
            post(slots, IncidentTexts.timeline(entry));
        }
        slots.timelinePosted = Math.max(slots.timelinePosted, timeline.size());
        save(slots);
    }

    private void resolved(Incident incident) {
        Slots slots = slotsFor(incident);
        changed(incident);
        if (slots.alertTs != null) {
            slack.update(slots.alertChannel, slots.alertTs, IncidentTexts.alert(incident, slots.channel));
        }
        slots.resolvedAt = incident.resolvedAt();
        save(slots);
    }

    /** Known here or on Kafka; otherwise an incident opened before anything about it was stored. */
    private Slots slotsFor(Incident incident) {
        return known(incident.id()).orElseGet(() -> byIncident.computeIfAbsent(incident.id(), id -> {
            Slots slots = new Slots();
            slots.id = id;
            slots.latest = incident;
            slots.alertChannel = incident.channel();
            return slots;
        }));
    }

    private void save(Slots slots) {
        places.put(slots.place());
    }

    private void refreshSummary(Slots slots) {
        if (slots.channel != null && slots.summaryTs != null && slots.latest != null) {
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
