package dev.gpuops.provider.runpod;

import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A template as GraphQL {@code saveTemplate} or REST v1 {@code /templates/{id}} describe it. */
public record Template(String id, String name, String imageName, Integer containerDiskInGb, Integer volumeInGb,
                       String dockerArgs, Map<String, String> env) {

    public Template {
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(env));
    }

    static Template from(JsonNode n) {
        return new Template(Endpoint.text(n, "id"), Endpoint.text(n, "name"), Endpoint.text(n, "imageName"),
                Endpoint.integer(n, "containerDiskInGb"), Endpoint.integer(n, "volumeInGb"),
                Endpoint.text(n, "dockerArgs"), EnvVars.read(n.get("env")));
    }

    @Override
    public String toString() {
        return "Template[id=" + id + ", name=" + name + ", imageName=" + imageName + ", env="
                + EnvVars.describe(env) + "]";
    }
}
