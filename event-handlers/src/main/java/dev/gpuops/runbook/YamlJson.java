package dev.gpuops.runbook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gpuops.target.YamlNodes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * SnakeYAML nodes as a Jackson 2 tree for the JSON Schema validator, with the line of every path kept aside so a
 * schema violation can be reported where it was written.
 */
final class YamlJson {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** @param lines line of each path; a path is a list of property names and list indexes */
    record Converted(JsonNode tree, Map<List<Object>, Integer> lines) {

        int lineOf(List<Object> path) {
            for (int size = path.size(); size >= 0; size--) {
                Integer line = lines.get(path.subList(0, size));
                if (line != null) {
                    return line;
                }
            }
            return 0;
        }
    }

    private YamlJson() {
    }

    static Converted convert(Node root) {
        Map<List<Object>, Integer> lines = new HashMap<>();
        JsonNode tree = convert(root, new ArrayList<>(), lines);
        return new Converted(tree, lines);
    }

    private static JsonNode convert(Node node, List<Object> path, Map<List<Object>, Integer> lines) {
        lines.putIfAbsent(List.copyOf(path), YamlNodes.line(node));
        return switch (node) {
            case MappingNode mapping -> {
                ObjectNode object = NODES.objectNode();
                for (NodeTuple tuple : mapping.getValue()) {
                    String key = YamlNodes.key(tuple);
                    path.add(key);
                    lines.put(List.copyOf(path), YamlNodes.line(tuple.getKeyNode()));
                    object.set(key, convert(tuple.getValueNode(), path, lines));
                    path.removeLast();
                }
                yield object;
            }
            case SequenceNode sequence -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = 0; i < sequence.getValue().size(); i++) {
                    path.add(i);
                    array.add(convert(sequence.getValue().get(i), path, lines));
                    path.removeLast();
                }
                yield array;
            }
            default -> scalar(YamlNodes.toPlain(node));
        };
    }

    private static JsonNode scalar(Object value) {
        return switch (value) {
            case null -> NODES.nullNode();
            case Boolean b -> NODES.booleanNode(b);
            case Long l -> NODES.numberNode(l);
            case Double d -> NODES.numberNode(d);
            default -> NODES.textNode(value.toString());
        };
    }

    /** {@code steps[0].with.program}: how a path reads in messages. */
    static String field(List<Object> path) {
        StringBuilder text = new StringBuilder();
        for (Object element : path) {
            if (element instanceof Integer index) {
                text.append('[').append(index).append(']');
            } else {
                text.append(text.isEmpty() ? "" : ".").append(element);
            }
        }
        return text.toString();
    }
}
