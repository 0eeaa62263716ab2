package dev.gpuops.runbook;

import dev.gpuops.target.Target;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code ${target.…}} paths, checked against {@link Target}'s record components and read from a target. */
public final class TargetPaths {

    private TargetPaths() {
    }

    /** @return why the path is not a real Target field, or empty when it is */
    public static Optional<String> problem(List<String> path) {
        Type type = Target.class;
        for (int i = 0; i < path.size(); i++) {
            String segment = path.get(i);
            String prefix = "target." + String.join(".", path.subList(0, i));
            if (type instanceof ParameterizedType generic && generic.getRawType() == Map.class) {
                // map keys (container.env.MODEL_ID, supervisor.logs.worker) are data, not schema
                return i == path.size() - 1 ? Optional.empty()
                        : Optional.of("target." + String.join(".", path.subList(0, i + 1)) + " is a text value");
            }
            if (!(type instanceof Class<?> cls) || !cls.isRecord()) {
                return Optional.of(prefix + " is a value, it has no field `" + segment + "`");
            }
            RecordComponent component = component(cls, segment);
            if (component == null) {
                return Optional.of("`" + segment + "` is not a field of " + (i == 0 ? "a target" : prefix)
                        + "; expected one of " + names(cls));
            }
            type = component.getGenericType();
        }
        if (type instanceof Class<?> cls && cls.isRecord()) {
            return Optional.of("target." + String.join(".", path) + " is a section; name one of its fields: "
                    + names(cls));
        }
        return Optional.empty();
    }

    /** Reads the value, or null when any section on the way is absent. */
    public static Object resolve(Target target, List<String> path) {
        Object current = target;
        for (String segment : path) {
            if (current == null) {
                return null;
            }
            if (current instanceof Map<?, ?> map) {
                current = map.get(segment);
                continue;
            }
            RecordComponent component = component(current.getClass(), segment);
            if (component == null) {
                throw new ExpressionException("`" + segment + "` is not a target field");
            }
            try {
                current = component.getAccessor().invoke(current);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read target field " + segment, e);
            }
        }
        return current;
    }

    private static RecordComponent component(Class<?> type, String name) {
        return Arrays.stream(type.getRecordComponents()).filter(c -> c.getName().equals(name)).findFirst()
                .orElse(null);
    }

    private static String names(Class<?> type) {
        return Arrays.stream(type.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.joining(", "));
    }
}
