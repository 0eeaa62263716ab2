package dev.gpuops.sandbox.support;

import java.util.Map;

/**
 * One request the simulator answered, for tests that check the wire shapes. The API key is never recorded: only
 * whether the request was authorised.
 *
 * @param headers the response headers clients act on ({@code Content-Type}, {@code Retry-After})
 */
public record RecordedExchange(String method, String path, String query, String requestBody, boolean authorized,
                               int status, String responseBody, Map<String, String> headers) {

    public RecordedExchange {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
