package dev.gpuops.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every event the sealed hierarchy permits survives the wire. The list of events is not written by hand: it is
 * walked from {@link GpuopsEvent}'s permitted subclasses, and each record is filled with non-default values made
 * from its component types. A new event therefore cannot be forgotten here, nor in {@code @JsonSubTypes}.
 */
class EveryEventJsonTest {

    static Stream<Class<?>> events() {
        return leaves(GpuopsEvent.class).stream();
    }

    @Test
    void theHierarchyIsWalked() {
        assertThat(leaves(GpuopsEvent.class)).contains(CommandReceived.class, RunFinished.class,
                IncidentOpened.class, ApprovalGranted.class).allSatisfy(type -> assertThat(type.isRecord()).isTrue());
    }

    @Test
    void everyPermittedEventHasAWireName() {
        Set<Class<?>> named = Arrays.stream(GpuopsEvent.class.getAnnotation(JsonSubTypes.class).value())
                .map(JsonSubTypes.Type::value).collect(Collectors.toSet());
        assertThat(named).containsExactlyInAnyOrderElementsOf(leaves(GpuopsEvent.class));
    }

    @ParameterizedTest
    @MethodSource("events")
    void roundTripsToAnEqualRecord(Class<?> type) {
        GpuopsEvent event = (GpuopsEvent) new Samples().record(type);
        String json = EventJson.writeString(event);

        assertThat(json).contains("\"type\":\"" + type.getSimpleName() + "\"");
        assertThat(EventJson.read(json.getBytes())).isEqualTo(event);
    }

    private static List<Class<?>> leaves(Class<?> sealed) {
        List<Class<?>> leaves = new ArrayList<>();
        for (Class<?> permitted : sealed.getPermittedSubclasses()) {
            if (permitted.isSealed()) {
                leaves.addAll(leaves(permitted));
            } else {
                leaves.add(permitted);
            }
        }
        return leaves;
    }

    /** Distinct, non-default sample values by type, so a field the JSON drops shows up as an inequality. */
    private static final class Samples {

        private int counter;

        Object record(Class<?> type) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                values[i] = value(components[i].getGenericType());
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(values);
            } catch (ReflectiveOperationException e) {
                throw new AssertionError("cannot build a sample " + type.getSimpleName() + ": " + e, e);
            }
        }

        private Object value(Type generic) {
            int n = ++counter;
            if (generic instanceof ParameterizedType parameterized) {
                Class<?> raw = (Class<?>) parameterized.getRawType();
                Type[] args = parameterized.getActualTypeArguments();
                if (List.class.isAssignableFrom(raw) || Set.class.isAssignableFrom(raw)) {
                    List<Object> list = List.of(value(args[0]), value(args[0]));
                    return Set.class.isAssignableFrom(raw) ? Set.copyOf(list) : list;
                }
                if (Map.class.isAssignableFrom(raw)) {
                    Map<Object, Object> map = new LinkedHashMap<>();
                    map.put(value(args[0]), value(args[1]));
                    return map;
                }
                if (raw == Optional.class) {
                    return Optional.of(value(args[0]));
                }
                throw new AssertionError("no sample for " + generic + "; teach EveryEventJsonTest this type");
            }
            Class<?> type = (Class<?>) generic;
            if (type == String.class) {
                return "v" + n;
            }
            if (type == Instant.class) {
                return Instant.parse("2026-12-06T10:00:00Z").plusSeconds(n);
            }
            if (type == Duration.class) {
                return Duration.ofSeconds(n);
            }
            if (type == int.class || type == Integer.class) {
                return n;
            }
            if (type == long.class || type == Long.class) {
                return (long) n;
            }
            if (type == double.class || type == Double.class) {
                return n + 0.5;
            }
            if (type == boolean.class || type == Boolean.class) {
                return true;
            }
            if (type.isEnum()) {
                Object[] constants = type.getEnumConstants();
                return constants[n % constants.length];
            }
            if (type.isRecord()) {
                return record(type);
            }
            if (type.isSealed()) {
                return record(leaves(type).getFirst());
            }
            throw new AssertionError("no sample for " + type.getName() + "; teach EveryEventJsonTest this type");
        }
    }
}
