package dev.gpuops.runbook;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One step as written in the runbook, before any {@code ${…}} is resolved.
 *
 * @param with        the action's parameters as plain YAML values (maps, lists, strings, numbers, booleans)
 * @param attempts    total tries, 1 = no retry; only retryable failures use them
 * @param retryDelay  pause between tries
 * @param when        condition text, null to always run
 * @param confirm     waits for a second person's approval before running (see StepApproval)
 * @param line        where the step starts in its file, for messages
 */
public record RunbookStep(String id, String action, String description, Map<String, Object> with, Duration timeout,
                          int attempts, Duration retryDelay, String when, OnFailure onFailure, boolean confirm,
                          int line) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    public RunbookStep {
        with = with == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(with));
        timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
        attempts = Math.max(1, attempts);
        retryDelay = retryDelay == null ? Duration.ZERO : retryDelay;
        onFailure = onFailure == null ? OnFailure.STOP : onFailure;
    }
}
