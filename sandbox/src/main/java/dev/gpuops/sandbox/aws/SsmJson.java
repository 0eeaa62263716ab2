package dev.gpuops.sandbox.aws;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** SSM in AWS JSON 1.1: {@code X-Amz-Target: AmazonSSM.<Op>} selects the operation, the body is its input. */
final class SsmJson {

    static final String TARGET_PREFIX = "AmazonSSM.";

    private final SsmParameters parameters;
    private final SsmCommands commands;

    SsmJson(SsmParameters parameters, SsmCommands commands) {
        this.parameters = parameters;
        this.commands = commands;
    }

    JsonNode handle(String operation, JsonNode input) {
        return switch (operation) {
            case "GetParameter" -> {
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.set("Parameter", parameters.get(text(input, "Name"), input.path("WithDecryption").asBoolean()));
                yield out;
            }
            case "PutParameter" -> {
                long version = parameters.put(text(input, "Name"), text(input, "Value"),
                        input.hasNonNull("Type") ? input.get("Type").asString() : null,
                        input.path("Overwrite").asBoolean(false));
                ObjectNode out = JsonNodeFactory.instance.objectNode();
                out.put("Tier", "Standard");
                out.put("Version", version);
                yield out;
            }
            case "SendCommand" -> commands.send(text(input, "DocumentName"), strings(input.path("InstanceIds")),
                    strings(input.path("Parameters").path("commands")), input.path("TimeoutSeconds").asInt(3600),
                    input.hasNonNull("Comment") ? input.get("Comment").asString() : null);
            case "GetCommandInvocation" -> commands.invocation(text(input, "CommandId"), text(input, "InstanceId"));
            default -> throw AwsError.sender("UnknownOperationException", null);
        };
    }

    private static String text(JsonNode input, String field) {
        JsonNode value = input.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asString()));
        return out;
    }
}
