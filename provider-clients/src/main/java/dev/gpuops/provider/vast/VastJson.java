package dev.gpuops.provider.vast;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Reads Vast's instance JSON tolerantly: numbers may arrive as strings, fields may be missing or null. */
final class VastJson {

    private VastJson() {
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNull() || value.isMissingNode() || value.isContainer() ? null : value.asString();
    }

    static Integer integer(JsonNode node, String field) {
        return integer(node.path(field));
    }

    static Integer integer(JsonNode value) {
        if (value.isNumber()) {
            return value.asInt();
        }
        if (value.isString() && value.asString().strip().matches("\\d{1,9}")) {
            return Integer.parseInt(value.asString().strip());
        }
        return null;
    }

    static Double decimal(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isNumber() ? value.asDouble() : null;
    }

    static VastInstance instance(JsonNode node) {
        String actual = text(node, "actual_status");
        return new VastInstance(node.path("id").asLong(0), VastStatus.parse(actual), actual,
                text(node, "intended_status"), text(node, "cur_state"), text(node, "status_msg"),
                text(node, "label"), text(node, "public_ipaddr"), text(node, "ssh_host"), integer(node, "ssh_port"),
                ports(node.path("ports")), text(node, "gpu_name"), integer(node, "num_gpus"),
                decimal(node, "dph_total"), text(node, "image_uuid"), envNames(node.path("extra_env")));
    }

    /** Docker's shape: {@code {"22/tcp":[{"HostIp":"0.0.0.0","HostPort":"41575"}, …]}}; the first binding wins. */
    static Map<String, Integer> ports(JsonNode ports) {
        Map<String, Integer> out = new LinkedHashMap<>();
        if (!ports.isObject()) {
            return out;
        }
        ports.properties().forEach(e -> {
            JsonNode bindings = e.getValue();
            Integer hostPort = bindings.isArray() && !bindings.isEmpty()
                    ? integer(bindings.get(0), "HostPort") : null;
            if (hostPort != null) {
                out.put(e.getKey(), hostPort);
            }
        });
        return out;
    }

    /** {@code extra_env} is a list of [name, value] pairs (an object in some answers); only names are kept. */
    static List<String> envNames(JsonNode env) {
        List<String> names = new ArrayList<>();
        if (env.isArray()) {
            env.forEach(pair -> {
                if (pair.isArray() && !pair.isEmpty()) {
                    names.add(pair.get(0).asString());
                }
            });
        } else if (env.isObject()) {
            names.addAll(env.propertyNames());
        }
        return names;
    }
}
