package dev.gpuops.provider.runpod;

import tools.jackson.databind.JsonNode;

/** What /run, /cancel and /retry answer: the job id and its state. */
public record Job(String id, JobState status) {

    static Job from(JsonNode n) {
        return new Job(n.path("id").asString(null), JobState.parse(n.path("status").asString(null)));
    }
}
