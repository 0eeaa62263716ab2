package dev.gpuops.bot.incident;

import dev.gpuops.event.FailureDiagnosed;
import java.time.Instant;

/**
 * Where one incident lives in Slack, the value on the compacted {@code gpuops.incident-slack} topic (key = incident
 * id), so a restarted bot, or another replica, updates the same alert, summary and channel instead of making new ones.
 *
 * @param channel        the incident channel's id, or null when Slack would not create one
 * @param alertChannel   the target's channel, where the alert went
 * @param alertTs        the alert message's ts
 * @param summaryTs      the pinned summary's ts
 * @param diagnoseRun    the incident's automatic diagnose run, whose verdict goes into the summary
 * @param diagnosis      that verdict, once known
 * @param timelinePosted how many timeline entries of the incident are posted in its channel
 * @param resolvedAt     when the incident was resolved (the archive schedule starts there)
 * @param archivedAt     when its channel was archived
 */
public record IncidentPlace(String incidentId, String channel, String alertChannel, String alertTs,
                           String summaryTs, String diagnoseRun, FailureDiagnosed diagnosis, int timelinePosted,
                           Instant resolvedAt, Instant archivedAt) {

    public IncidentPlace archived(Instant at) {
        return new IncidentPlace(incidentId, channel, alertChannel, alertTs, summaryTs, diagnoseRun, diagnosis,
                timelinePosted, resolvedAt, at);
    }
}
