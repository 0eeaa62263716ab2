package dev.gpuops.sandbox.runpod;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Applies endpoint settings from a GraphQL {@code EndpointInput} or a REST v1 PATCH body. */
final class EndpointFields {

    /** REST v1 PATCH /endpoints/{id} fields and the JSON type each must have. */
    static final Map<String, String> REST_TYPES = Map.ofEntries(
            Map.entry("name", "string"), Map.entry("templateId", "string"), Map.entry("workersMin", "int"),
            Map.entry("workersMax", "int"), Map.entry("idleTimeout", "int"), Map.entry("scalerType", "string"),
            Map.entry("scalerValue", "int"), Map.entry("executionTimeoutMs", "int"), Map.entry("gpuCount", "int"),
            Map.entry("gpuTypeIds", "strings"), Map.entry("flashboot", "boolean"),
            Map.entry("networkVolumeId", "string"), Map.entry("dataCenterIds", "strings"),
            Map.entry("allowedCudaVersions", "strings"));
    private static final Set<String> SCALER_TYPES = Set.of("QUEUE_DELAY", "REQUEST_COUNT");

    private EndpointFields() {
    }

    static void apply(SimEndpoint e, Map<String, Object> in) {
        e.name = str(in, "name", e.name);
        e.templateId = str(in, "templateId", e.templateId);
        e.gpuIds = str(in, "gpuIds", e.gpuIds);
        e.locations = str(in, "locations", e.locations);
        e.networkVolumeId = str(in, "networkVolumeId", e.networkVolumeId);
        e.scalerType = str(in, "scalerType", e.scalerType);
        e.flashBootType = str(in, "flashBootType", e.flashBootType);
        e.idleTimeout = num(in, "idleTimeout", e.idleTimeout);
        e.scalerValue = num(in, "scalerValue", e.scalerValue);
        e.workersMin = num(in, "workersMin", e.workersMin);
        e.workersMax = num(in, "workersMax", e.workersMax);
        e.executionTimeoutMs = num(in, "executionTimeoutMs", e.executionTimeoutMs);
        e.gpuCount = num(in, "gpuCount", e.gpuCount);
    }

    /** @return a problem description, or null when the PATCH body is valid for this endpoint */
    static String checkRest(SimEndpoint e, JsonNode body, Set<String> templateIds) {
        if (!body.isObject()) {
            return "Invalid input: body must be a JSON object";
        }
        for (Map.Entry<String, JsonNode> field : body.properties()) {
            String type = REST_TYPES.get(field.getKey());
            if (type == null) {
                return "Invalid input: unknown field '" + field.getKey() + "'";
            }
            if (!hasType(field.getValue(), type)) {
                return "Invalid input: '" + field.getKey() + "' must be " + type;
            }
        }
        int min = body.path("workersMin").asInt(e.workersMin);
        int max = body.path("workersMax").asInt(e.workersMax);
        if (min < 0 || max < 0 || min > max) {
            return "Invalid input: workersMin must be between 0 and workersMax (got " + min + " and " + max + ")";
        }
        if (body.has("scalerType") && !SCALER_TYPES.contains(body.get("scalerType").asString())) {
            return "Invalid input: scalerType must be QUEUE_DELAY or REQUEST_COUNT";
        }
        if (body.has("templateId") && !templateIds.contains(body.get("templateId").asString())) {
            return "Invalid input: template " + body.get("templateId").asString() + " not found";
        }
        return null;
    }

    static void applyRest(SimEndpoint e, JsonNode body) {
        e.name = body.path("name").asString(e.name);
        e.templateId = body.path("templateId").asString(e.templateId);
        e.workersMin = body.path("workersMin").asInt(e.workersMin);
        e.workersMax = body.path("workersMax").asInt(e.workersMax);
        e.idleTimeout = body.path("idleTimeout").asInt(e.idleTimeout);
        e.scalerType = body.path("scalerType").asString(e.scalerType);
        e.scalerValue = body.path("scalerValue").asInt(e.scalerValue);
        e.executionTimeoutMs = body.path("executionTimeoutMs").asInt(e.executionTimeoutMs);
        e.gpuCount = body.path("gpuCount").asInt(e.gpuCount);
        e.networkVolumeId = body.path("networkVolumeId").asString(e.networkVolumeId);
        if (body.has("gpuTypeIds")) {
            List<String> ids = new ArrayList<>();
            body.get("gpuTypeIds").forEach(n -> ids.add(n.asString()));
            e.gpuTypeIds = List.copyOf(ids);
        }
    }

    static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "string" -> value.isString();
            case "int" -> value.isIntegralNumber() && value.canConvertToInt();
            case "boolean" -> value.isBoolean();
            case "strings" -> value.isArray() && allStrings(value);
            case "object" -> value.isObject() && allStrings(value);
            default -> false;
        };
    }

    private static boolean allStrings(JsonNode container) {
        for (JsonNode item : container) {
            if (!item.isString()) {
                return false;
            }
        }
        return true;
    }

    private static String str(Map<String, Object> in, String key, String current) {
        Object v = in.get(key);
        return v instanceof String s ? s : current;
    }

    private static int num(Map<String, Object> in, String key, int current) {
        Object v = in.get(key);
        return v instanceof Integer i ? i : current;
    }
}
