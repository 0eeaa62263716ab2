package dev.gpuops.target;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Binds YAML nodes onto records by their component names, strictly: unknown keys, duplicate keys and values of the
 * wrong type are collected as problems with the line they sit on, instead of failing on the first.
 */
final class RecordNodeBinder {

    private final String file;
    private final List<ConfigProblem> problems = new ArrayList<>();
    private final Map<String, Integer> lines = new LinkedHashMap<>();

    RecordNodeBinder(String file) {
        this.file = file;
    }

    List<ConfigProblem> problems() {
        return problems;
    }

    /** Line of every field seen, keyed by dotted path, so later rules can point at the right place. */
    Map<String, Integer> lines() {
        return lines;
    }

    void problem(Node node, String field, String message) {
        problem(YamlNodes.line(node), field, message);
    }

    void problem(int line, String field, String message) {
        problems.add(new ConfigProblem(file, line, field, message));
    }

    /**
     * @param reserved component names that are not read from YAML (left null)
     * @return the record, or null when a problem prevented building it
     */
    <R extends Record> R bindRecord(Node node, Class<R> type, String field, Set<String> reserved) {
        if (!(node instanceof MappingNode mapping)) {
            problem(node, field, "expected a mapping of " + describe(type, reserved) + ", found "
                    + YamlNodes.kind(node));
            return null;
        }
        RecordComponent[] components = type.getRecordComponents();
        Map<String, Object> values = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        int before = problems.size();
        for (NodeTuple tuple : mapping.getValue()) {
            String key = YamlNodes.key(tuple);
            String path = field + "." + key;
            lines.put(path, YamlNodes.line(tuple.getKeyNode()));
            RecordComponent component = find(components, key);
            if (component == null || reserved.contains(key)) {
                problem(tuple.getKeyNode(), path, "unknown key; expected one of " + describe(type, reserved));
            } else if (!seen.add(key)) {
                problem(tuple.getKeyNode(), path, "duplicate key");
            } else {
                values.put(key, bind(tuple.getValueNode(), component.getGenericType(), path));
            }
        }
        return problems.size() > before ? null : construct(type, components, values, node, field);
    }

    private Object bind(Node node, Type type, String field) {
        if (YamlNodes.isNull(node)) {
            return null;
        }
        if (type instanceof ParameterizedType generic) {
            return bindGeneric(node, generic, field);
        }
        Class<?> raw = (Class<?>) type;
        if (raw.isRecord()) {
            return bindRecord(node, raw.asSubclass(Record.class), field, Set.of());
        }
        String text = YamlNodes.text(node).orElse(null);
        if (text == null) {
            problem(node, field, "expected " + expected(raw) + ", found " + YamlNodes.kind(node));
            return null;
        }
        try {
            return scalar(text, raw);
        } catch (IllegalArgumentException e) {
            problem(node, field, e.getMessage());
            return null;
        }
    }

    private Object bindGeneric(Node node, ParameterizedType generic, String field) {
        Class<?> raw = (Class<?>) generic.getRawType();
        Type[] args = generic.getActualTypeArguments();
        if (List.class.equals(raw)) {
            if (!(node instanceof SequenceNode sequence)) {
                problem(node, field, "expected a list, found " + YamlNodes.kind(node));
                return null;
            }
            List<Object> items = new ArrayList<>();
            for (int i = 0; i < sequence.getValue().size(); i++) {
                items.add(bind(sequence.getValue().get(i), args[0], field + "[" + i + "]"));
            }
            return items;
        }
        if (Map.class.equals(raw)) {
            if (!(node instanceof MappingNode mapping)) {
                problem(node, field, "expected a mapping, found " + YamlNodes.kind(node));
                return null;
            }
            Map<String, Object> map = new LinkedHashMap<>();
            for (NodeTuple tuple : mapping.getValue()) {
                String key = YamlNodes.key(tuple);
                lines.put(field + "." + key, YamlNodes.line(tuple.getKeyNode()));
                if (map.containsKey(key)) {
                    problem(tuple.getKeyNode(), field + "." + key, "duplicate key");
                }
                map.put(key, bind(tuple.getValueNode(), args[1], field + "." + key));
            }
            return map;
        }
        throw new IllegalStateException("unsupported configuration type " + generic);
    }

    private static Object scalar(String text, Class<?> type) {
        if (type == String.class) {
            return text;
        }
        if (type == Integer.class || type == int.class) {
            return parseNumber(text, Integer::valueOf);
        }
        if (type == Long.class || type == long.class) {
            return parseNumber(text, Long::valueOf);
        }
        if (type == Boolean.class || type == boolean.class) {
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "on" -> Boolean.TRUE;
                case "false", "no", "off" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("expected true or false, not '" + text + "'");
            };
        }
        if (type == Duration.class) {
            return Durations.parse(text);
        }
        if (type.isEnum()) {
            return enumValue(text, type);
        }
        throw new IllegalStateException("unsupported configuration type " + type);
    }

    private static Object parseNumber(String text, java.util.function.Function<String, Object> parser) {
        try {
            return parser.apply(text.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected an integer, not '" + text + "'");
        }
    }

    private static Object enumValue(String text, Class<?> type) {
        for (Method method : type.getDeclaredMethods()) {
            if (method.isAnnotationPresent(JsonCreator.class) && Modifier.isStatic(method.getModifiers())) {
                try {
                    return method.invoke(null, text);
                } catch (InvocationTargetException e) {
                    throw new IllegalArgumentException(e.getCause().getMessage(), e.getCause());
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Arrays.stream(type.getEnumConstants())
                .filter(c -> ((Enum<?>) c).name().equalsIgnoreCase(text))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("expected one of "
                        + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ", not '" + text + "'"));
    }

    private <R extends Record> R construct(Class<R> type, RecordComponent[] components, Map<String, Object> values,
                                           Node node, String field) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        Object[] args = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            Object value = values.get(components[i].getName());
            args[i] = value == null ? defaultFor(types[i]) : value;
        }
        try {
            Constructor<R> constructor = type.getDeclaredConstructor(types);
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            problem(node, field, String.valueOf(e.getCause().getMessage()));
            return null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
        }
    }

    private static Object defaultFor(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        return type == boolean.class ? Boolean.FALSE : type == long.class ? (Object) 0L : (Object) 0;
    }

    private static RecordComponent find(RecordComponent[] components, String name) {
        for (RecordComponent component : components) {
            if (component.getName().equals(name)) {
                return component;
            }
        }
        return null;
    }

    private static String describe(Class<?> type, Set<String> reserved) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .filter(n -> !reserved.contains(n)).collect(Collectors.joining(", "));
    }

    private static String expected(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        return type == Duration.class ? "a duration like 90s or 2m" : "a single value";
    }
}
