package dev.gpuops.bot.runs;

import java.time.Instant;

/**
 * One run as the bot last heard of it.
 *
 * @param description "restart box-1 worker-gpu"
 * @param state       human-readable state: "queued", "running: step restart", "failed: …"
 * @param requestedBy who asked (Slack user name or GitHub login), if known
 */
public record RunSummary(String runId, String target, String description, String state, boolean finished,
                         String requestedBy, Instant firstSeen, Instant updatedAt) {

    RunSummary with(String newState, boolean nowFinished, Instant at) {
        return new RunSummary(runId, target, description, newState, nowFinished, requestedBy, firstSeen, at);
    }

    RunSummary describedAs(String newDescription, String newRequestedBy) {
        return new RunSummary(runId, target, newDescription == null ? description : newDescription, state, finished,
                newRequestedBy == null ? requestedBy : newRequestedBy, firstSeen, updatedAt);
    }
}
