package dev.gpuops.sandbox.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** A validated {@code POST /instance-operations/launch} body, with Lambda's documented constraints. */
record LaunchSpec(String region, String type, List<String> sshKeyNames, List<String> fileSystemNames, int quantity,
                  String name) {

    static LaunchSpec parse(JsonNode body, Set<String> types, Set<String> regions) {
        String region = body.path("region_name").asString("");
        if (!regions.contains(region)) {
            throw LambdaApiError.invalidParameters("Invalid region_name '" + region + "'.");
        }
        String type = body.path("instance_type_name").asString("");
        if (!types.contains(type)) {
            throw LambdaApiError.invalidParameters("Invalid instance_type_name '" + type + "'.");
        }
        List<String> keys = strings(body.path("ssh_key_names"));
        if (keys.size() != 1) {
            throw LambdaApiError.invalidParameters("Exactly one SSH key must be specified in ssh_key_names.");
        }
        int quantity = body.path("quantity").asInt(1);
        if (quantity < 1 || quantity > 8) {
            throw LambdaApiError.invalidParameters("quantity must be between 1 and 8.");
        }
        JsonNode nameNode = body.path("name");
        String name = nameNode.isString() ? nameNode.asString() : null;
        if (name != null && name.length() > 64) {
            throw LambdaApiError.invalidParameters("name must be at most 64 characters.");
        }
        return new LaunchSpec(region, type, keys, strings(body.path("file_system_names")), quantity, name);
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> out.add(v.asString()));
        }
        return out;
    }
}
