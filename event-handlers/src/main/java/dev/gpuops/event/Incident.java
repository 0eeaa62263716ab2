package dev.gpuops.event;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One incident's whole state.
 *
 * @param id            {@code inc-20261206-box-1}, {@code -2}, {@code -3} for later ones the same day
 * @param target        the failing target, or {@code provider:<name>} for a provider-wide incident
 * @param members       the targets it covers (one, or every target of a provider-wide incident)
 * @param failingSince  when the first failing probe ran (time to detect = openedAt - failingSince)
 * @param failing       the failing checks and their evidence, latest first seen
 * @param runs          ids of automatic runs taken for it
 * @param timeline      every transition, run, ack and resolve, in order
 * @param diagnoseRun   the automatic {@code diagnose} run whose verdict explains the incident, if started
 */
public record Incident(String id, String target, String provider, String channel, List<String> members,
                       Status status, Instant failingSince, Instant openedAt, List<CheckResult> failing,
                       List<String> runs, List<Entry> timeline, String acknowledgedBy, Instant resolvedAt,
                       String resolvedBy, Instant recoveredAt, String diagnoseRun) {

    public Incident {
        members = members == null ? List.of() : List.copyOf(members);
        failing = failing == null ? List.of() : List.copyOf(failing);
        runs = runs == null ? List.of() : List.copyOf(runs);
        timeline = timeline == null ? List.of() : List.copyOf(timeline);
    }

    public boolean open() {
        return status != Status.RESOLVED;
    }

    public boolean providerWide() {
        return target.startsWith("provider:");
    }

    /** How long from the first failing probe to the resolve; empty while open. */
    public Duration duration() {
        return resolvedAt == null ? null : Duration.between(failingSince, resolvedAt);
    }

    public Duration timeToDetect() {
        return Duration.between(failingSince, openedAt);
    }

    /** From the alert to the probes seeing the target healthy again; empty if it never recovered by itself. */
    public Duration timeToRecover() {
        return recoveredAt == null ? null : Duration.between(openedAt, recoveredAt);
    }

    public Incident with(Entry entry) {
        List<Entry> more = new ArrayList<>(timeline);
        more.add(entry);
        return new Incident(id, target, provider, channel, members, status, failingSince, openedAt, failing, runs,
                more, acknowledgedBy, resolvedAt, resolvedBy, recoveredAt, diagnoseRun);
    }

    public Incident withFailing(List<CheckResult> checks) {
        return new Incident(id, target, provider, channel, members, status, failingSince, openedAt, checks, runs,
                timeline, acknowledgedBy, resolvedAt, resolvedBy, recoveredAt, diagnoseRun);
    }

    public Incident withMembers(List<String> targets) {
        return new Incident(id, target, provider, channel, targets, status, failingSince, openedAt, failing, runs,
                timeline, acknowledgedBy, resolvedAt, resolvedBy, recoveredAt, diagnoseRun);
    }

    public Incident withRun(String runId) {
        List<String> more = new ArrayList<>(runs);
        more.add(runId);
        return new Incident(id, target, provider, channel, members, status, failingSince, openedAt, failing, more,
                timeline, acknowledgedBy, resolvedAt, resolvedBy, recoveredAt, diagnoseRun);
    }

    public Incident withDiagnoseRun(String runId) {
        return new Incident(id, target, provider, channel, members, status, failingSince, openedAt, failing, runs,
                timeline, acknowledgedBy, resolvedAt, resolvedBy, recoveredAt, runId);
    }

    public Incident acknowledged(String by) {
        return new Incident(id, target, provider, channel, members, Status.ACKNOWLEDGED, failingSince, openedAt,
                failing, runs, timeline, by, resolvedAt, resolvedBy, recoveredAt, diagnoseRun);
    }

    public Incident recovered(Instant at) {
        return new Incident(id, target, provider, channel, members, status, failingSince, openedAt, failing, runs,
                timeline, acknowledgedBy, resolvedAt, resolvedBy, at, diagnoseRun);
    }

    public Incident resolved(Instant at, String by) {
        return new Incident(id, target, provider, channel, members, Status.RESOLVED, failingSince, openedAt, failing,
                runs, timeline, acknowledgedBy, at, by, recoveredAt, diagnoseRun);
    }

    public enum Status {
        OPEN, ACKNOWLEDGED, RESOLVED
    }

    /** One timeline line. */
    public record Entry(Instant at, String text) {
    }
}
