package dev.gpuops.sandbox.aws;

/**
 * One request the simulator answered, kept so tests can compare it with the documented wire shapes.
 *
 * @param protocol  {@code query} (Auto Scaling) or {@code json} (SSM)
 * @param operation {@code SetDesiredCapacity}, {@code GetParameter}, …
 */
public record RecordedExchange(String protocol, String operation, String contentType, String requestBody,
                               int status, String responseContentType, String responseBody) {
}
