package dev.gpuops.provider.runpod;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** REST v1 {@code PATCH /endpoints/{id}}: only non-null fields are sent, and only those change. */
public record EndpointPatch(Integer workersMin, Integer workersMax, Integer idleTimeout, String scalerType,
                            Integer scalerValue, String templateId, Integer executionTimeoutMs) {

    public static EndpointPatch workers(int min, int max) {
        if (min < 0 || max < 0 || min > max) {
            throw new IllegalArgumentException("workersMin must be between 0 and workersMax (got " + min + " and "
                    + max + ")");
        }
        return new EndpointPatch(min, max, null, null, null, null, null);
    }

    ObjectNode toJson() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        if (workersMin != null) {
            n.put("workersMin", workersMin);
        }
        if (workersMax != null) {
            n.put("workersMax", workersMax);
        }
        if (idleTimeout != null) {
            n.put("idleTimeout", idleTimeout);
        }
        if (scalerType != null) {
            n.put("scalerType", scalerType);
        }
        if (scalerValue != null) {
            n.put("scalerValue", scalerValue);
        }
        if (templateId != null) {
            n.put("templateId", templateId);
        }
        if (executionTimeoutMs != null) {
            n.put("executionTimeoutMs", executionTimeoutMs);
        }
        return n;
    }
}
