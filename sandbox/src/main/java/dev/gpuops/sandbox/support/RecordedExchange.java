package dev.gpuops.sandbox.support;

import java.util.Map;

/**
 * One request a simulator answered, for tests that check the wire shapes; the same record for every simulator. A
 * credential is never recorded: only how it was presented and whether it was accepted.
 *
 * @param api         which of the simulator's APIs answered: {@code rest}, {@code queue}, {@code graphql} (RunPod),
 *                    {@code query} (Auto Scaling), {@code json} (SSM), or {@code http} for a simulator with one API
 * @param operation   the API operation where the wire names one ({@code SetDesiredCapacity}); else null
 * @param authScheme  how the credential came: {@code Bearer}, {@code Basic}, {@code bare}, {@code query}; null when
 *                    the simulator does not tell them apart or none came
 * @param requestHeaders the request headers a wire test looks at ({@code Content-Type}, {@code Accept})
 * @param headers        the response headers clients act on ({@code Content-Type}, {@code Retry-After},
 *                       {@code Docker-Content-Digest})
 */
public record RecordedExchange(String api, String method, String path, String query, String operation,
                               String authScheme, boolean authorized, Map<String, String> requestHeaders,
                               String requestBody, int status, Map<String, String> headers, String responseBody) {

    public RecordedExchange {
        requestHeaders = present(requestHeaders);
        headers = present(headers);
    }

    /** A request to a plain REST simulator (Lambda, Vast). */
    public static RecordedExchange http(String method, String path, String query, String requestBody,
                                        boolean authorized, int status, String responseBody,
                                        Map<String, String> headers) {
        return new RecordedExchange("http", method, path, query, null, null, authorized, Map.of(), requestBody,
                status, headers, responseBody);
    }

    /** Request headers by name; a header that was not sent is left out (never a null value). */
    public static Map<String, String> present(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        Map<String, String> kept = new java.util.LinkedHashMap<>();
        headers.forEach((name, value) -> {
            if (value != null) {
                kept.put(name, value);
            }
        });
        return Map.copyOf(kept);
    }

    public String contentType() {
        return requestHeaders.get("Content-Type");
    }

    public String accept() {
        return requestHeaders.get("Accept");
    }

    public String responseContentType() {
        return headers.get("Content-Type");
    }

    /** The registry's {@code Docker-Content-Digest} response header. */
    public String digest() {
        return headers.get("Docker-Content-Digest");
    }
}
