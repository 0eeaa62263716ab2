package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * A job as /status and /runsync report it.
 *
 * @param rawStatus     the status string as sent, kept for states newer than this client (UNKNOWN)
 * @param delayTime     time in the queue before a worker picked the job up; empty until it was picked up
 * @param executionTime time the handler ran; empty until the job finished
 * @param output        the handler's output, or null
 * @param error         the failure text of FAILED/TIMED_OUT jobs (redacted), or null
 */
public record JobStatus(String id, JobState status, String rawStatus, Optional<Duration> delayTime,
                        Optional<Duration> executionTime, JsonNode output, String error, String workerId) {

    static JobStatus from(JsonNode n) {
        String raw = n.path("status").asString(null);
        String error = n.path("error").isMissingNode() || n.path("error").isNull() ? null
                : Redactor.redact(n.get("error").isString() ? n.get("error").asString() : n.get("error").toString());
        JsonNode output = n.path("output");
        return new JobStatus(n.path("id").asString(null), JobState.parse(raw), raw, millis(n, "delayTime"),
                millis(n, "executionTime"), output.isMissingNode() || output.isNull() ? null : output, error,
                n.path("workerId").asString(null));
    }

    private static Optional<Duration> millis(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? Optional.of(Duration.ofMillis(v.asLong())) : Optional.empty();
    }
}
