package dev.gpuops.sandbox.registry;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** A response to write: status, headers and body bytes; HEAD replies keep the headers and drop the body. */
record RegistryReply(int status, Map<String, String> headers, byte[] body, boolean headOnly) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static RegistryReply json(int status, String body) {
        return new RegistryReply(status, headers("application/json"), body.getBytes(StandardCharsets.UTF_8), false);
    }

    /** The distribution spec's error body: {@code {"errors":[{"code","message","detail"}]}}. */
    static RegistryReply error(int status, String code, String message, JsonNode detail) {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode error = root.putArray("errors").addObject();
        error.put("code", code);
        error.put("message", message);
        if (detail != null) {
            error.set("detail", detail);
        }
        return json(status, JSON.writeValueAsString(root));
    }

    static RegistryReply manifest(int status, String mediaType, byte[] bytes, String digest, boolean head) {
        Map<String, String> headers = headers(mediaType);
        headers.put("Docker-Content-Digest", digest);
        headers.put("Etag", "\"" + digest + "\"");
        return new RegistryReply(status, headers, bytes, head);
    }

    static RegistryReply created(String location, String digest) {
        Map<String, String> headers = headers(null);
        headers.put("Location", location);
        headers.put("Docker-Content-Digest", digest);
        return new RegistryReply(201, headers, new byte[0], false);
    }

    RegistryReply withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new RegistryReply(status, copy, body, headOnly);
    }

    private static Map<String, String> headers(String contentType) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Docker-Distribution-API-Version", "registry/2.0");
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return headers;
    }
}
