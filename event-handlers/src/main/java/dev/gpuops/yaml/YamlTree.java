package dev.gpuops.yaml;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A YAML document as a JSON tree (Jackson 3, like the rest of gpuops) plus the line of every field, keyed
 * by its path in the notation messages use: {@code patterns[2].match.any[0].regex}. A field's line is the line of its
 * key. SnakeYAML's composer keeps node marks, which is how a bad file fails with file, line and field.
 */
public record YamlTree(Path file, JsonNode root, Map<String, Integer> lines) {

    /** @throws YamlFileException for a file that is unreadable, empty, not YAML, or has non-scalar/duplicate keys */
    public static YamlTree read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        Node node;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            node = new Yaml(options).compose(reader);
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            throw new YamlFileException(file, line, "", "not valid YAML: " + e.getProblem(), e);
        } catch (YAMLException | IOException e) {
            throw new YamlFileException(file, 0, "", "cannot read: " + e.getMessage(), e);
        }
        if (node == null) {
            throw new YamlFileException(file, 1, "", "the file is empty", null);
        }
        return of(file, node);
    }

    /** @throws YamlFileException for non-scalar or duplicate keys */
    public static YamlTree of(Path file, Node root) {
        Map<String, Integer> lines = new HashMap<>();
        JsonNode tree = new Converter(file, lines).convert(root, "");
        return new YamlTree(file, tree, Map.copyOf(lines));
    }

    /** The line of the field at {@code path}, or of its closest ancestor that has one. */
    public int lineOf(String path) {
        String p = path;
        while (true) {
            Integer line = lines.get(p);
            if (line != null || p.isEmpty()) {
                return line == null ? 1 : line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
    }

    public static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    public static String item(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** {@code steps[0].with.program} from property names and list indexes. */
    public static String field(List<?> path) {
        String text = "";
        for (Object element : path) {
            text = element instanceof Integer index ? item(text, index) : child(text, String.valueOf(element));
        }
        return text;
    }

    private record Converter(Path file, Map<String, Integer> lines) {

        JsonNode convert(Node node, String path) {
            lines.putIfAbsent(path, line(node));
            return switch (node) {
                case MappingNode map -> mapping(map, path);
                case SequenceNode seq -> sequence(seq, path);
                case ScalarNode scalar -> scalar(scalar);
                default -> throw new YamlFileException(file, line(node), path,
                        "unsupported YAML node " + node.getNodeId(), null);
            };
        }

        private ObjectNode mapping(MappingNode map, String path) {
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            for (NodeTuple tuple : map.getValue()) {
                int line = line(tuple.getKeyNode());
                if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                    throw new YamlFileException(file, line, path, "keys must be plain names", null);
                }
                String name = key.getValue();
                String childPath = child(path, name);
                if (object.has(name)) {
                    throw new YamlFileException(file, line, childPath, "duplicate key '" + name + "'", null);
                }
                lines.put(childPath, line);
                object.set(name, convert(tuple.getValueNode(), childPath));
            }
            return object;
        }

        private ArrayNode sequence(SequenceNode seq, String path) {
            ArrayNode array = JsonNodeFactory.instance.arrayNode();
            for (Node element : seq.getValue()) {
                array.add(convert(element, item(path, array.size())));
            }
            return array;
        }

        private static int line(Node node) {
            return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
        }

        private static JsonNode scalar(ScalarNode scalar) {
            JsonNodeFactory nodes = JsonNodeFactory.instance;
            String value = scalar.getValue();
            Tag tag = scalar.getTag();
            try {
                if (Tag.INT.equals(tag)) {
                    return nodes.numberNode(Long.decode(value.replace("_", "")));
                }
                if (Tag.FLOAT.equals(tag)) {
                    return nodes.numberNode(Double.parseDouble(value.replace("_", "")));
                }
            } catch (NumberFormatException unusual) {
                return nodes.stringNode(value);
            }
            if (Tag.BOOL.equals(tag)) {
                return nodes.booleanNode(value.equalsIgnoreCase("true") || value.equalsIgnoreCase("yes")
                        || value.equalsIgnoreCase("on"));
            }
            return Tag.NULL.equals(tag) ? nodes.nullNode() : nodes.stringNode(value);
        }
    }
}
