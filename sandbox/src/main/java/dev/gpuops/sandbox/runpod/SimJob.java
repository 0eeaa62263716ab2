package dev.gpuops.sandbox.runpod;

import tools.jackson.databind.JsonNode;

/** One queued request and its outcome. */
final class SimJob {

    enum Status { IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, TIMED_OUT }

    final String id;
    final String endpointId;
    final JsonNode input;
    final long executionTimeoutMs;
    final boolean sync;
    Status status = Status.IN_QUEUE;
    final long submittedAt;
    long startedAt = -1;
    long finishedAt = -1;
    String workerId;
    JsonNode output;
    String error;
    /** Decided at pick-up: the job needs longer than its executionTimeout. */
    boolean timesOut;

    SimJob(String id, String endpointId, JsonNode input, long executionTimeoutMs, boolean sync, long submittedAt) {
        this.id = id;
        this.endpointId = endpointId;
        this.input = input;
        this.executionTimeoutMs = executionTimeoutMs;
        this.sync = sync;
        this.submittedAt = submittedAt;
    }

    boolean isPing() {
        JsonNode ping = input == null ? null : input.get("ping");
        return ping != null && ping.asBoolean(false);
    }

    boolean finalState() {
        return status != Status.IN_QUEUE && status != Status.IN_PROGRESS;
    }
}
