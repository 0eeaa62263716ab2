package dev.gpuops.sandbox.registry;

/**
 * One request the registry answered.
 *
 * @param authScheme {@code Bearer}, {@code Basic} or null — never the credential itself
 */
public record RecordedRequest(String method, String path, String query, String authScheme, String accept,
                              String contentType, int status, String responseContentType, String digest) {
}
