package dev.gpuops.yaml;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import tools.jackson.databind.JsonNode;

/**
 * The one bridge to Jackson 2, which the JSON Schema validator speaks: a copy of a {@link YamlTree}'s Jackson 3 tree,
 * node for node, with the same numbers, booleans and nulls. Nothing outside this package sees a Jackson 2 type.
 */
final class SchemaTree {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SchemaTree() {
    }

    static com.fasterxml.jackson.databind.JsonNode of(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> {
                ObjectNode object = NODES.objectNode();
                node.forEachEntry((name, value) -> object.set(name, of(value)));
                yield object;
            }
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                node.forEach(element -> array.add(of(element)));
                yield array;
            }
            case NUMBER -> node.isIntegralNumber() ? NODES.numberNode(node.longValue())
                    : NODES.numberNode(node.doubleValue());
            case BOOLEAN -> NODES.booleanNode(node.booleanValue());
            case STRING -> NODES.textNode(node.stringValue());
            case NULL, MISSING -> NODES.nullNode();
            case BINARY, POJO -> throw new IllegalArgumentException("a YAML tree holds no " + node.getNodeType());
        };
    }
}
