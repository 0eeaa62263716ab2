package dev.gpuops.monitor;

import dev.gpuops.event.CheckResult;
import dev.gpuops.event.Events;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentAcknowledged;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentResolved;
import dev.gpuops.event.IncidentUpdated;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every incident, as the compacted incidents topic holds them, and the rules that change them: one open incident
 * per target, ids unique per day, ack and resolve refused with a clear message when they make no sense. Methods
 * return the event to publish and apply it at once; {@link #apply} replays events read back from the topic.
 */
public final class IncidentBook {

    private final Map<String, Incident> byId = new LinkedHashMap<>();

    /**
     * Every change appends to the timeline, so a record with a shorter timeline than the one held is older (this
     * replica's own change read back from the topic after a newer one) and is ignored.
     */
    public synchronized void apply(IncidentEvent event) {
        Incident incoming = event.incident();
        Incident held = byId.get(incoming.id());
        if (held == null || incoming.timeline().size() >= held.timeline().size()) {
            byId.put(incoming.id(), incoming);
        }
    }

    public synchronized Optional<Incident> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The open incident covering this target (its own, or a provider-wide one listing it). */
    public synchronized Optional<Incident> openFor(String target) {
        return byId.values().stream().filter(Incident::open)
                .filter(i -> i.target().equals(target) || i.members().contains(target)).findFirst();
    }

    public synchronized Optional<Incident> openProviderWide(String provider) {
        return byId.values().stream().filter(Incident::open).filter(Incident::providerWide)
                .filter(i -> i.provider().equals(provider)).findFirst();
    }

    public synchronized List<Incident> open() {
        return byId.values().stream().filter(Incident::open)
                .sorted(Comparator.comparing(Incident::openedAt)).toList();
    }

    /**
     * @param key     the target, or {@code provider:<name>}
     * @param members the targets it covers
     */
    public synchronized IncidentOpened open(String key, String provider, String channel, List<String> members,
                                            List<CheckResult> failing, Instant failingSince, Instant now) {
        String name = key.startsWith("provider:") ? key.substring("provider:".length()) : key;
        String id = IncidentIds.next(name, now, byId.keySet());
        String what = members.size() == 1 ? members.getFirst() + " failing" : members.size() + " " + provider
                + " targets failing: " + String.join(", ", members);
        Incident incident = new Incident(id, key, provider, channel, members, Incident.Status.OPEN, failingSince, now,
                failing, List.of(), List.of(new Incident.Entry(now, what + ": " + Evidence.line(failing))),
                null, null, null, null, null);
        IncidentOpened opened = new IncidentOpened(Events.newEventId(), now, key, incident);
        apply(opened);
        return opened;
    }

    public synchronized IncidentUpdated update(Incident incident, String change, Instant now) {
        return changed(incident.with(new Incident.Entry(now, change)), change, now);
    }

    private IncidentUpdated changed(Incident changed, String change, Instant now) {
        IncidentUpdated updated = new IncidentUpdated(Events.newEventId(), now, changed.target(), changed, change);
        apply(updated);
        return updated;
    }

    public synchronized IncidentUpdated addRun(Incident incident, String runId, String change, Instant now) {
        return changed(incident.withRun(runId).with(new Incident.Entry(now, change)), change, now);
    }

    public synchronized IncidentUpdated diagnosing(Incident incident, String runId, Instant now) {
        String change = "diagnosis " + runId + " started";
        return changed(incident.withDiagnoseRun(runId).with(new Incident.Entry(now, change)), change, now);
    }

    public synchronized IncidentUpdated addMember(Incident incident, String target, Instant now) {
        List<String> members = new java.util.ArrayList<>(incident.members());
        members.add(target);
        String change = target + " failing too";
        return changed(incident.withMembers(members).with(new Incident.Entry(now, change)), change, now);
    }

    public synchronized IncidentUpdated failingChanged(Incident incident, List<CheckResult> failing, Instant now) {
        String change = "failing again: " + Evidence.line(failing);
        return changed(incident.withFailing(failing).with(new Incident.Entry(now, change)), change, now);
    }

    public synchronized IncidentAcknowledged acknowledge(String id, String by, Instant now) {
        Incident incident = openIncident(id, "acknowledge");
        if (incident.status() == Incident.Status.ACKNOWLEDGED) {
            throw new IncidentException(id + " is already acknowledged by <@" + incident.acknowledgedBy() + ">");
        }
        Incident acked = incident.acknowledged(by).with(new Incident.Entry(now, "acknowledged by <@" + by + ">"));
        IncidentAcknowledged event = new IncidentAcknowledged(Events.newEventId(), now, acked.target(), acked, by);
        apply(event);
        return event;
    }

    /** @param by a Slack user id, or {@code monitor} when the probes saw the target healthy again */
    public synchronized IncidentResolved resolve(String id, String by, String note, Instant now) {
        Incident incident = openIncident(id, "resolve");
        boolean recovered = "monitor".equals(by);
        Incident changed = recovered ? incident.recovered(now) : incident;
        String line = recovered ? "recovered: every check passes again" : "resolved by <@" + by + ">"
                + (note == null || note.isBlank() ? "" : ": " + note);
        Incident resolved = changed.resolved(now, by).with(new Incident.Entry(now, line));
        IncidentResolved event = new IncidentResolved(Events.newEventId(), now, resolved.target(), resolved, by,
                note);
        apply(event);
        return event;
    }

    private Incident openIncident(String id, String action) {
        Incident incident = byId.get(id);
        if (incident == null) {
            throw new IncidentException("no incident " + id + "; `/gpu incidents` lists the open ones");
        }
        if (!incident.open()) {
            throw new IncidentException("cannot " + action + " " + id + ": it was already resolved at "
                    + incident.resolvedAt() + " by " + (("monitor").equals(incident.resolvedBy()) ? "the monitor"
                    : "<@" + incident.resolvedBy() + ">"));
        }
        return incident;
    }
}
