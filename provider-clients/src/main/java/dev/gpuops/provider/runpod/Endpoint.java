package dev.gpuops.provider.runpod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A serverless endpoint as GraphQL ({@code myself { endpoints }}, {@code saveEndpoint}) or REST v1 describe it.
 * Fields the source did not send are null; {@code gpuIds} is GraphQL's pool list ("ADA_24"), {@code gpuTypeIds}
 * REST's type names. {@code version} (REST only) bumps when the template or env changes.
 */
public record Endpoint(String id, String name, String templateId, String gpuIds, List<String> gpuTypeIds,
                       Integer workersMin, Integer workersMax, Integer idleTimeout, String scalerType,
                       Integer scalerValue, Integer executionTimeoutMs, Map<String, String> env, Integer version) {

    public Endpoint {
        gpuTypeIds = gpuTypeIds == null ? List.of() : List.copyOf(gpuTypeIds);
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    static Endpoint from(JsonNode n) {
        List<String> types = new ArrayList<>();
        n.path("gpuTypeIds").forEach(t -> types.add(t.asString()));
        return new Endpoint(text(n, "id"), text(n, "name"), text(n, "templateId"), text(n, "gpuIds"), types,
                integer(n, "workersMin"), integer(n, "workersMax"), integer(n, "idleTimeout"), text(n, "scalerType"),
                integer(n, "scalerValue"), integer(n, "executionTimeoutMs"), EnvVars.read(n.get("env")),
                integer(n, "version"));
    }

    static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isString() ? v.asString() : null;
    }

    static Integer integer(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNumber() ? v.asInt() : null;
    }

    @Override
    public String toString() {
        return "Endpoint[id=" + id + ", name=" + name + ", templateId=" + templateId + ", workersMin=" + workersMin
                + ", workersMax=" + workersMax + ", version=" + version + ", env=" + EnvVars.describe(env) + "]";
    }
}
