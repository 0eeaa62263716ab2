package dev.gpuops.sandbox.runpod;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** A response a handler wants sent. */
record Reply(int status, String body, Map<String, String> headers) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Reply json(int status, JsonNode body) {
        return new Reply(status, JSON.writeValueAsString(body), Map.of());
    }

    static Reply ok(JsonNode body) {
        return json(200, body);
    }

    /** The serverless queue API's error shape. */
    static Reply error(int status, String message) {
        return json(status, object().put("error", message));
    }

    /** The REST v1 API's error shape. */
    static Reply message(int status, String message) {
        return json(status, object().put("message", message));
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    Reply withHeader(String name, String value) {
        Map<String, String> more = new java.util.LinkedHashMap<>(headers);
        more.put(name, value);
        return new Reply(status, body, Map.copyOf(more));
    }
}
