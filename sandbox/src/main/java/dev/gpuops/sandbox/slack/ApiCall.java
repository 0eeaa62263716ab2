package dev.gpuops.sandbox.slack;

import java.time.Instant;

/**
 * One Web API call as the sandbox saw it, for assertions on pacing and retries.
 *
 * @param channel the resolved channel id, or the raw {@code channel} parameter, or {@code null}
 * @param error   Slack's error code when {@code ok} is false
 */
public record ApiCall(String method, String channel, Instant at, int status, boolean ok, String error) {

    public boolean rateLimited() {
        return status == 429;
    }
}
