package dev.gpuops.provider.runpod;

import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Template environment in both of RunPod's shapes: GraphQL sends and wants a list of {@code {key, value}}, REST v1 a
 * JSON object. Reading accepts either, so callers only ever see a map.
 */
final class EnvVars {

    private EnvVars() {
    }

    static Map<String, String> read(JsonNode env) {
        Map<String, String> out = new LinkedHashMap<>();
        if (env == null || env.isNull() || env.isMissingNode()) {
            return out;
        }
        if (env.isArray()) {
            env.forEach(pair -> out.put(pair.path("key").asString(""), pair.path("value").asString("")));
        } else if (env.isObject()) {
            env.properties().forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
        }
        return out;
    }

    /** Env values can be tokens (HF_TOKEN): anything printable shows the names only. */
    static String describe(Map<String, String> env) {
        return env == null ? "{}" : env.keySet().toString();
    }
}
