package dev.gpuops.provider.runpod;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * GraphQL {@code saveTemplate} input: {@code name} (unique), {@code imageName}, {@code containerDiskInGb} and
 * {@code volumeInGb} (0 for serverless) are required; {@code env} is sent as GraphQL's list of {@code {key, value}}.
 */
public record TemplateUpdate(String id, String name, String imageName, int containerDiskInGb, int volumeInGb,
                             String dockerArgs, Map<String, String> env) {

    public TemplateUpdate {
        Objects.requireNonNull(name, "saveTemplate needs name");
        Objects.requireNonNull(imageName, "saveTemplate needs imageName");
        env = env == null ? null : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    Map<String, Object> fields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", name);
        m.put("imageName", imageName);
        m.put("containerDiskInGb", containerDiskInGb);
        m.put("volumeInGb", volumeInGb);
        m.put("dockerArgs", dockerArgs);
        if (env != null) {
            m.put("env", env.entrySet().stream().map(TemplateUpdate::pair).toList());
        }
        m.values().removeIf(Objects::isNull);
        return m;
    }

    private static Object pair(Map.Entry<String, String> e) {
        Map<String, Object> pair = new LinkedHashMap<>();
        pair.put("key", e.getKey());
        pair.put("value", e.getValue());
        return pair;
    }

    @Override
    public String toString() {
        return "TemplateUpdate[id=" + id + ", name=" + name + ", imageName=" + imageName + ", env="
                + EnvVars.describe(env) + "]";
    }
}
