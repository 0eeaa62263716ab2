package dev.gpuops.runbook;

import dev.gpuops.runbook.action.Param;
import dev.gpuops.target.Durations;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

/**
 * Turns a step's resolved {@code with:} map into its action's params record. Durations may be written the runbook
 * way ({@code 90s}, {@code 2m}); unknown names and wrong types fail with the parameter's name, and a record's own
 * validation message is passed through as written. A component marked {@link Param.Flatten} (the SSH address) is
 * bound from the same level: its own components are written next to the others, never nested.
 */
public final class ParamBinder {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .addModule(new SimpleModule("gpuops-durations").addDeserializer(Duration.class, new DurationText()))
            .build();

    /** @throws ParamBindingException naming the parameter and what was expected */
    public <P extends Record> P bind(String actionKey, Class<P> type, Map<String, ?> with) {
        try {
            return MAPPER.convertValue(nest(actionKey, type, with), type);
        } catch (JacksonException e) {
            throw explain(actionKey, type, e);
        }
    }

    /** Checks one literal value against its parameter's declared type (load time, before any substitution). */
    public void checkValue(String actionKey, Class<? extends Record> type, String name, Object value) {
        RecordComponent component = components(type).stream()
                .filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> unknown(actionKey, type, name));
        JavaType javaType = MAPPER.getTypeFactory().constructType(component.getGenericType());
        try {
            MAPPER.convertValue(value, javaType);
        } catch (JacksonException e) {
            throw new ParamBindingException(name, typeMessage(e));
        }
    }

    public static List<String> names(Class<? extends Record> type) {
        return components(type).stream().map(RecordComponent::getName).toList();
    }

    /** The parameters as a runbook writes them: a flattened component's own components stand in its place. */
    public static List<RecordComponent> components(Class<?> type) {
        List<RecordComponent> out = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (flattened(component)) {
                out.addAll(components(component.getType()));
            } else {
                out.add(component);
            }
        }
        return out;
    }

    private static boolean flattened(RecordComponent component) {
        return component.isAnnotationPresent(Param.Flatten.class) && component.getType().isRecord();
    }

    /** The flat {@code with:} map shaped like the record: each flattened component's names gathered under it. */
    private static Map<String, Object> nest(String actionKey, Class<?> type, Map<String, ?> with) {
        Map<String, Object> out = new LinkedHashMap<>(with);
        for (RecordComponent component : type.getRecordComponents()) {
            if (!flattened(component)) {
                continue;
            }
            if (out.containsKey(component.getName())) {
                throw unknown(actionKey, type, component.getName());
            }
            Map<String, Object> inner = new LinkedHashMap<>();
            for (RecordComponent part : component.getType().getRecordComponents()) {
                if (out.containsKey(part.getName())) {
                    inner.put(part.getName(), out.remove(part.getName()));
                }
            }
            out.put(component.getName(), nest(actionKey, component.getType(), inner));
        }
        return out;
    }

    private static List<String> flattenedNames(Class<?> type) {
        List<String> out = new ArrayList<>();
        for (RecordComponent component : type.getRecordComponents()) {
            if (flattened(component)) {
                out.add(component.getName());
                out.addAll(flattenedNames(component.getType()));
            }
        }
        return out;
    }

    static ParamBindingException unknown(String actionKey, Class<?> type, String name) {
        return new ParamBindingException(name, "unknown parameter `" + name + "` for " + actionKey
                + "; expected one of " + components(type).stream().map(RecordComponent::getName)
                .collect(Collectors.joining(", ")));
    }

    private static ParamBindingException explain(String actionKey, Class<? extends Record> type,
                                                 JacksonException e) {
        List<String> flattened = flattenedNames(type);
        String field = e.getPath().stream()
                .filter(r -> r.getPropertyName() == null || !flattened.contains(r.getPropertyName()))
                .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
        if (e instanceof UnrecognizedPropertyException unrecognized) {
            return unknown(actionKey, type, unrecognized.getPropertyName());
        }
        if (e instanceof ValueInstantiationException && e.getCause() != null) {
            return new ParamBindingException("", actionKey + ": " + e.getCause().getMessage());
        }
        return new ParamBindingException(field, actionKey + ": parameter `" + field + "`: " + typeMessage(e));
    }

    private static String typeMessage(JacksonException e) {
        if (e instanceof InvalidFormatException invalid && invalid.getTargetType() == Duration.class) {
            return invalid.getOriginalMessage();
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            Object value = e instanceof InvalidFormatException invalid ? invalid.getValue() : null;
            String not = value == null ? "" : ", not '" + value + "'";
            if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
                return "expected an integer" + not;
            }
            if (target == Boolean.class || target == boolean.class) {
                return "expected true or false" + not;
            }
            if (target.isEnum()) {
                return "expected one of " + Arrays.stream(target.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "))
                        + not;
            }
            if (target == String.class) {
                return "expected a single text value";
            }
            if (List.class.isAssignableFrom(target)) {
                return "expected a list";
            }
            if (Map.class.isAssignableFrom(target) || target.isRecord()) {
                return "expected a mapping";
            }
        }
        return e.getOriginalMessage();
    }

    /** Durations the runbook way; a bare number is refused because nobody can tell seconds from minutes. */
    private static final class DurationText extends ValueDeserializer<Duration> {
        @Override
        public Duration deserialize(JsonParser parser, DeserializationContext context) {
            String text = parser.currentToken() == JsonToken.VALUE_STRING ? parser.getString() : parser.getText();
            if (parser.currentToken() == JsonToken.VALUE_STRING && text.isBlank()) {
                return null;
            }
            try {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    throw new IllegalArgumentException(Durations.EXPECTED + ", not '" + text + "'");
                }
                return Durations.parse(text);
            } catch (IllegalArgumentException e) {
                throw InvalidFormatException.from(parser, e.getMessage(), text, Duration.class);
            }
        }
    }
}
