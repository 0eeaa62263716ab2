package dev.gpuops.monitor;

import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.Events;
import dev.gpuops.event.HealthCheckFailed;
import dev.gpuops.event.HealthRecovered;
import dev.gpuops.event.Incident;
import dev.gpuops.event.IncidentEvent;
import dev.gpuops.event.IncidentOpened;
import dev.gpuops.event.IncidentUpdated;
import dev.gpuops.event.MonitorEvent;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the monitor does when a target's health changes: the transition on Kafka, the incident, its automatic
 * diagnosis, the safe remediation the target allows, and the escalation when that did not help.
 */
final class IncidentResponse {

    private final Targets targets;
    private final IncidentDesk desk;
    private final Remediator remediator;
    private final MonitorSink sink;
    private final Clock clock;
    /** Target → the automatic run whose verdict the next failing probe gives. */
    private final Map<String, String> awaitingVerdict = new ConcurrentHashMap<>();
    /** Transitions this replica published, skipped when they are read back. */
    private final Set<String> published = ConcurrentHashMap.newKeySet();

    IncidentResponse(Targets targets, IncidentDesk desk, Remediator remediator, MonitorSink sink, Clock clock) {
        this.targets = targets;
        this.desk = desk;
        this.remediator = remediator;
        this.sink = sink;
        this.clock = clock;
    }

    /** An automatic run of an open incident ended: the next failing probe decides whether it helped. */
    void runFinished(String target, String runId) {
        desk.book().openFor(target).filter(i -> i.runs().contains(runId))
                .ifPresent(i -> awaitingVerdict.put(target, runId));
    }

    void transitioned(Target target, Transition transition, ProbeRound round) {
        Instant now = round.at();
        switch (transition) {
            case Transition.Failed failed -> {
                HealthCheckFailed event = new HealthCheckFailed(Events.newEventId(), now, target.name(),
                        target.provider(), failed.failing(), failed.since());
                published.add(event.eventId());
                sink.publish(event);
                publishAll(desk.failed(target, event));
            }
            case Transition.Relapsed relapsed -> {
                publishAll(desk.relapsed(target, relapsed.failing(), now));
                escalateIfRemediationFailed(target, round);
            }
            case Transition.Recovering recovering -> {
            }
            case Transition.Recovered recovered -> {
                awaitingVerdict.remove(target.name());
                HealthRecovered event = new HealthRecovered(Events.newEventId(), now, target.name(),
                        target.provider(), recovered.failingSince());
                published.add(event.eventId());
                sink.publish(event);
                publishAll(desk.recovered(target, now));
            }
        }
    }

    /**
     * A transition another replica published (read back from {@code gpuops.health}): counted for grouping, and
     * written into the provider-wide incident when this replica owns it. This replica's own ones are skipped.
     */
    void heard(MonitorEvent event) {
        if (published.remove(event.eventId())) {
            return;
        }
        switch (event) {
            case HealthCheckFailed failed -> targets.find(failed.target())
                    .ifPresent(t -> publishAll(desk.failed(t, failed)));
            case HealthRecovered recovered -> targets.find(recovered.target())
                    .ifPresent(t -> publishAll(desk.recovered(t, recovered.occurredAt())));
            default -> {
            }
        }
    }

    void publishAll(List<IncidentEvent> events) {
        for (IncidentEvent event : events) {
            sink.publish(event);
            if (event instanceof IncidentOpened opened && !opened.incident().providerWide()) {
                targets.find(opened.incident().target()).ifPresent(t -> remediate(t, diagnose(t, opened.incident())));
            }
        }
    }

    /**
     * The target's {@code diagnose} runbook, queued before any automatic action so its evidence shows the failure,
     * not the repair. Read-only, so it runs on production too.
     */
    private Incident diagnose(Target target, Incident incident) {
        CommandReceived command = new CommandReceived(Events.newEventId(), clock.instant(), target.name(),
                Events.newRunId(clock), Verb.DIAGNOSE, Map.of(), new Origin("monitor", target.channel(), "monitor",
                "gpuops monitor", incident.id() + ":diagnose"));
        sink.command(command);
        IncidentUpdated updated = desk.book().diagnosing(incident, command.runId(), clock.instant());
        sink.publish(updated);
        return updated.incident();
    }

    private void remediate(Target target, Incident incident) {
        remediator.decide(target, incident).ifPresent(decision -> {
            decision.command().ifPresentOrElse(command -> {
                sink.command(command);
                sink.publish(desk.book().addRun(incident, command.runId(), decision.timeline(), clock.instant()));
            }, () -> sink.publish(desk.book().update(incident, decision.timeline(), clock.instant())));
        });
    }

    /** After an automatic action's run ended and the grace probes passed, a still-failing target needs a human. */
    void escalateIfRemediationFailed(Target target, ProbeRound round) {
        String runId = awaitingVerdict.remove(target.name());
        if (runId == null) {
            return;
        }
        desk.book().openFor(target.name()).ifPresent(incident -> sink.publish(desk.book().update(incident,
                "escalated: still failing after automatic action " + runId + " (" + Evidence.line(round.failing())
                        + "); no further automatic action for this incident, a human needs to look", round.at())));
    }
}
