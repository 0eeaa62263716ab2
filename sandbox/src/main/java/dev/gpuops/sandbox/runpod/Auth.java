package dev.gpuops.sandbox.runpod;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;

/**
 * How each RunPod API takes the key: the queue API accepts {@code Authorization: Bearer <key>} and the bare key (the
 * docs' curl examples), GraphQL also {@code ?api_key=}, REST v1 only Bearer.
 */
final class Auth {

    private Auth() {
    }

    static String scheme(SimRequest request, String api) {
        String header = request.header("Authorization").orElse(null);
        if (header != null) {
            return header.regionMatches(true, 0, "Bearer ", 0, 7) ? "Bearer" : "bare";
        }
        return api.equals("graphql") && request.queryParam("api_key").isPresent() ? "query" : "none";
    }

    static boolean accepts(SimRequest request, String api, String key) {
        String header = request.header("Authorization").orElse(null);
        return switch (scheme(request, api)) {
            case "Bearer" -> same(header.substring(7).trim(), key);
            case "bare" -> api.equals("queue") && same(header.trim(), key);
            case "query" -> same(request.queryParam("api_key").orElse(""), key);
            default -> false;
        };
    }

    static Reply rejection(String api) {
        return switch (api) {
            case "graphql" -> {
                var body = Reply.object();
                body.putArray("errors").addObject().put("message", "Unauthorized");
                yield Reply.json(401, body);
            }
            case "rest" -> Reply.message(401, "Unauthorized: missing or invalid API key");
            default -> Reply.error(401, "Unauthorized");
        };
    }

    /** Recorded queries must not keep the key. */
    static String scrubQuery(String query) {
        return query == null ? null : query.replaceAll("(?i)(api_key=)[^&]*", "$1[REDACTED]");
    }

    private static boolean same(String given, String key) {
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), key.getBytes(StandardCharsets.UTF_8));
    }
}
