package dev.gpuops.target;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

/**
 * YAML read as SnakeYAML nodes rather than objects, because only nodes remember the line each value came from and
 * every configuration error must name its line.
 */
public final class YamlNodes {

    private YamlNodes() {
    }

    /**
     * Parses one YAML document. A syntax error becomes a {@link ConfigException} at the line SnakeYAML points to.
     *
     * @return the root node, or empty for an empty file
     */
    public static Optional<Node> parse(Path file) {
        String name = file.getFileName().toString();
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(20);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return Optional.ofNullable(new Yaml(options).compose(reader));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw new ConfigException(new ConfigProblem(name, line, "", "invalid YAML: " + problem));
        } catch (YAMLException e) {
            throw new ConfigException(new ConfigProblem(name, 0, "", "invalid YAML: " + e.getMessage()));
        } catch (IOException e) {
            throw new ConfigException(new ConfigProblem(name, 0, "", "cannot read " + file + " ("
                    + e.getClass().getSimpleName() + "); check that GPUOPS_TARGETS_FILE / GPUOPS_RUNBOOKS_DIR"
                    + " point at readable YAML files"));
        }
    }

    public static int line(Node node) {
        return node.getStartMark() == null ? 0 : node.getStartMark().getLine() + 1;
    }

    /** The text of a scalar node, or empty for mappings and sequences. YAML {@code null} / {@code ~} is empty too. */
    public static Optional<String> text(Node node) {
        if (node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag())) {
            return Optional.of(scalar.getValue());
        }
        return Optional.empty();
    }

    public static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag());
    }

    /** The key of a mapping entry; non-scalar keys read as their YAML kind so the error can say so. */
    public static String key(NodeTuple tuple) {
        return tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "<" + kind(tuple.getKeyNode()) + ">";
    }

    public static String kind(Node node) {
        return switch (node) {
            case MappingNode m -> "a mapping";
            case SequenceNode s -> "a list";
            case ScalarNode s when Tag.NULL.equals(s.getTag()) -> "nothing";
            default -> "a value";
        };
    }

    /**
     * Plain Java values with YAML's own typing: strings, {@code Long}, {@code Double}, {@code Boolean}, null,
     * ordered maps and lists.
     */
    public static Object toPlain(Node node) {
        return switch (node) {
            case MappingNode mapping -> {
                Map<String, Object> map = new LinkedHashMap<>();
                mapping.getValue().forEach(t -> map.put(key(t), toPlain(t.getValueNode())));
                yield map;
            }
            case SequenceNode sequence -> {
                List<Object> list = new ArrayList<>();
                sequence.getValue().forEach(item -> list.add(toPlain(item)));
                yield list;
            }
            case ScalarNode scalar -> scalarValue(scalar);
            default -> null;
        };
    }

    private static Object scalarValue(ScalarNode scalar) {
        Tag tag = scalar.getTag();
        String value = scalar.getValue();
        try {
            if (Tag.NULL.equals(tag)) {
                return null;
            }
            if (Tag.BOOL.equals(tag)) {
                return Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT))
                        || value.equalsIgnoreCase("yes") || value.equalsIgnoreCase("on");
            }
            if (Tag.INT.equals(tag)) {
                return Long.decode(value.replace("_", ""));
            }
            if (Tag.FLOAT.equals(tag)) {
                return Double.parseDouble(value.replace("_", ""));
            }
        } catch (NumberFormatException e) {
            return value;
        }
        return value;
    }
}
