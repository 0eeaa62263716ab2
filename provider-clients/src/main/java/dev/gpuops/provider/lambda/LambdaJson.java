package dev.gpuops.provider.lambda;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads Lambda's JSON tolerantly: missing fields become null, unknown fields and status values are ignored. */
final class LambdaJson {

    private LambdaJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() || value.isContainer() ? null : value.asString();
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }

    static LambdaInstance instance(JsonNode node) {
        String status = text(node, "status");
        return new LambdaInstance(text(node, "id"), text(node, "name"), text(node, "ip"), text(node, "private_ip"),
                LambdaInstanceStatus.parse(status), status == null ? "unknown" : status,
                strings(node.path("ssh_key_names")), text(node.path("region"), "name"),
                text(node.path("instance_type"), "name"), text(node, "hostname"));
    }

    static List<LambdaInstance> instances(JsonNode array) {
        List<LambdaInstance> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(n -> out.add(instance(n)));
        }
        return out;
    }

    static Map<String, LambdaInstanceType> instanceTypes(JsonNode data) {
        Map<String, LambdaInstanceType> out = new LinkedHashMap<>();
        data.properties().forEach(entry -> {
            JsonNode type = entry.getValue().path("instance_type");
            JsonNode specs = type.path("specs");
            List<LambdaRegion> regions = new ArrayList<>();
            entry.getValue().path("regions_with_capacity_available").forEach(r ->
                    regions.add(new LambdaRegion(text(r, "name"), text(r, "description"))));
            String name = text(type, "name") == null ? entry.getKey() : text(type, "name");
            out.put(entry.getKey(), new LambdaInstanceType(name, text(type, "description"),
                    text(type, "gpu_description"), type.path("price_cents_per_hour").asInt(0),
                    new LambdaInstanceType.Specs(specs.path("vcpus").asInt(0), specs.path("memory_gib").asInt(0),
                            specs.path("storage_gib").asInt(0), specs.path("gpus").asInt(0)),
                    regions));
        });
        return out;
    }

    static LambdaSshKey sshKey(JsonNode node) {
        return new LambdaSshKey(text(node, "id"), text(node, "name"), text(node, "public_key"),
                text(node, "private_key"));
    }
}
