package dev.gpuops.sandbox.runpod;

/**
 * One request the sandbox served, for tests that assert on the wire. The credential itself is never kept: only how
 * it was presented ({@code Bearer}, {@code bare}, {@code query}, {@code none}) and whether it was accepted.
 *
 * @param api "queue", "graphql" or "rest"
 */
public record RecordedExchange(String api, String method, String path, String query, String authScheme,
                               boolean authAccepted, String requestBody, int status, String responseBody) {
}
