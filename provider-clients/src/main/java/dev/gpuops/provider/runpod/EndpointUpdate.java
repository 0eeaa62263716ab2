package dev.gpuops.provider.runpod;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * GraphQL {@code saveEndpoint} input. RunPod requires {@code name}, {@code templateId} and {@code gpuIds} on every
 * save, updates when {@code id} is set and creates otherwise. Null fields are left out. Scale to zero is
 * {@code workersMin 0, workersMax 0}.
 */
public record EndpointUpdate(String id, String name, String templateId, String gpuIds, Integer workersMin,
                             Integer workersMax, Integer idleTimeout, String scalerType, Integer scalerValue,
                             Integer executionTimeoutMs, String networkVolumeId, String locations) {

    public EndpointUpdate {
        Objects.requireNonNull(name, "saveEndpoint needs name");
        Objects.requireNonNull(templateId, "saveEndpoint needs templateId");
        Objects.requireNonNull(gpuIds, "saveEndpoint needs gpuIds");
    }

    /** Starts from an endpoint read through GraphQL, so the required fields are resent unchanged. */
    public static EndpointUpdate of(Endpoint current) {
        return new EndpointUpdate(current.id(), current.name(), current.templateId(), current.gpuIds(),
                current.workersMin(), current.workersMax(), current.idleTimeout(), current.scalerType(),
                current.scalerValue(), current.executionTimeoutMs(), null, null);
    }

    public EndpointUpdate withWorkers(int min, int max) {
        return new EndpointUpdate(id, name, templateId, gpuIds, min, max, idleTimeout, scalerType, scalerValue,
                executionTimeoutMs, networkVolumeId, locations);
    }

    public EndpointUpdate withTemplateId(String newTemplateId) {
        return new EndpointUpdate(id, name, newTemplateId, gpuIds, workersMin, workersMax, idleTimeout, scalerType,
                scalerValue, executionTimeoutMs, networkVolumeId, locations);
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("templateId", templateId);
        m.put("gpuIds", gpuIds);
        m.put("workersMin", workersMin);
        m.put("workersMax", workersMax);
        m.put("idleTimeout", idleTimeout);
        m.put("scalerType", scalerType);
        m.put("scalerValue", scalerValue);
        m.put("executionTimeoutMs", executionTimeoutMs);
        m.put("networkVolumeId", networkVolumeId);
        m.put("locations", locations);
        m.values().removeIf(Objects::isNull);
        return m;
    }
}
