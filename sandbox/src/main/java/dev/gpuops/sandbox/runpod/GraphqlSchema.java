package dev.gpuops.sandbox.runpod;

import dev.gpuops.sandbox.runpod.GraphqlParser.Field;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The slice of RunPod's GraphQL schema the sandbox serves: output types for projection onto selection sets, and input
 * types with graphql-js style coercion errors (unknown field, wrong scalar, missing required field).
 */
final class GraphqlSchema {

    /** A request the server refuses before executing it (HTTP 400 with {@code errors}). */
    static final class ValidationError extends RuntimeException {
        ValidationError(String message) {
            super(message);
        }
    }

    /** Output types: field name → type ("" for scalars, else the object type name). */
    private static final Map<String, Map<String, String>> OUTPUT = Map.of(
            "User", Map.of("id", "", "email", "", "endpoints", "Endpoint", "podTemplates", "PodTemplate"),
            "Endpoint", fields("id name gpuIds idleTimeout locations networkVolumeId scalerType scalerValue"
                    + " templateId workersMin workersMax executionTimeoutMs gpuCount flashBootType type",
                    "env", "EnvironmentVariable", "template", "PodTemplate"),
            "PodTemplate", fields("id name imageName containerDiskInGb volumeInGb dockerArgs isServerless",
                    "env", "EnvironmentVariable"),
            "EnvironmentVariable", fields("key value"));

    /** Input types: field name → GraphQL type reference. */
    static final Map<String, Map<String, String>> INPUT = Map.of(
            "EndpointInput", inputs("id:String name:String! templateId:String! gpuIds:String! networkVolumeId:String"
                    + " locations:String idleTimeout:Int scalerType:String scalerValue:Int workersMin:Int"
                    + " workersMax:Int flashBootType:String allowedCudaVersions:String gpuCount:Int type:String"
                    + " executionTimeoutMs:Int"),
            "PodTemplateInput", inputs("id:String name:String! imageName:String! containerDiskInGb:Int!"
                    + " volumeInGb:Int! dockerArgs:String env:[EnvironmentVariableInput] ports:String"
                    + " isServerless:Boolean containerRegistryAuthId:String startSsh:Boolean isPublic:Boolean"
                    + " readme:String volumeMountPath:String startJupyter:Boolean"),
            "EnvironmentVariableInput", inputs("key:String! value:String!"));

    private GraphqlSchema() {
    }

    private static Map<String, String> fields(String scalars, String... objectFields) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String s : scalars.split(" ")) {
            m.put(s, "");
        }
        for (int i = 0; i < objectFields.length; i += 2) {
            m.put(objectFields[i], objectFields[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    private static Map<String, String> inputs(String spec) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String pair : spec.split(" ")) {
            int colon = pair.indexOf(':');
            m.put(pair.substring(0, colon), pair.substring(colon + 1));
        }
        return java.util.Collections.unmodifiableMap(m);
    }

    /** Projects {@code value} of object type {@code type} onto a selection set already {@link #validate}d. */
    static Object project(String type, Object value, List<Field> selections) {
        if (value == null) {
            return null;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            for (Object item : list) {
                out.add(project(type, item, selections));
            }
            return out;
        }
        Map<?, ?> object = (Map<?, ?>) value;
        Map<String, Object> out = new LinkedHashMap<>();
        for (Field f : selections) {
            String fieldType = OUTPUT.get(type).get(f.name());
            out.put(f.responseKey(), fieldType.isEmpty() ? object.get(f.name())
                    : project(fieldType, object.get(f.name()), f.selections()));
        }
        return out;
    }

    /** Checks a selection set against the output type without executing anything. */
    static void validate(String type, List<Field> selections) {
        if (selections.isEmpty()) {
            throw new ValidationError("Field of type \"" + type + "\" must have a selection of subfields.");
        }
        for (Field f : selections) {
            String fieldType = OUTPUT.get(type).get(f.name());
            if (fieldType == null) {
                throw new ValidationError("Cannot query field \"" + f.name() + "\" on type \"" + type + "\".");
            }
            if (fieldType.isEmpty() && !f.selections().isEmpty()) {
                throw new ValidationError("Field \"" + f.name() + "\" must not have a selection since its type"
                        + " has no subfields.");
            }
            if (!fieldType.isEmpty()) {
                validate(fieldType, f.selections());
            }
        }
    }

    /** Coerces a literal or variable value to the input object type, as graphql-js does. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> coerceInput(String typeName, Object value) {
        if (!(value instanceof Map<?, ?> raw)) {
            throw new ValidationError("Expected value of type \"" + typeName + "!\", found " + show(value) + ".");
        }
        Map<String, String> spec = INPUT.get(typeName);
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : ((Map<String, Object>) raw).entrySet()) {
            String type = spec.get(e.getKey());
            if (type == null) {
                throw new ValidationError("Field \"" + e.getKey() + "\" is not defined by type \"" + typeName + "\".");
            }
            out.put(e.getKey(), coerce(type, e.getValue()));
        }
        spec.forEach((field, type) -> {
            if (type.endsWith("!") && out.get(field) == null) {
                throw new ValidationError("Field \"" + typeName + "." + field + "\" of required type \"" + type
                        + "\" was not provided.");
            }
        });
        return out;
    }

    private static Object coerce(String type, Object value) {
        boolean required = type.endsWith("!");
        String base = required ? type.substring(0, type.length() - 1) : type;
        if (value == null) {
            if (required) {
                throw new ValidationError("Expected value of type \"" + type + "\", found null.");
            }
            return null;
        }
        if (base.startsWith("[")) {
            String itemType = base.substring(1, base.length() - 1);
            // GraphQL input coercion wraps a single value in a list of one
            List<?> items = value instanceof List<?> l ? l : List.of(value);
            List<Object> out = new ArrayList<>();
            for (Object item : items) {
                out.add(coerce(itemType, item));
            }
            return out;
        }
        return switch (base) {
            case "String" -> value instanceof String s ? s : fail("String cannot represent a non string value: "
                    + show(value));
            case "Int" -> value instanceof Long l && l == l.intValue() ? (Object) l.intValue()
                    : fail("Int cannot represent non-integer value: " + show(value));
            case "Boolean" -> value instanceof Boolean b ? b : fail("Boolean cannot represent a non boolean value: "
                    + show(value));
            default -> coerceInput(base, value);
        };
    }

    private static Object fail(String message) {
        throw new ValidationError(message);
    }

    static String show(Object value) {
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof GraphqlEnumValue e) {
            return e.name();
        }
        return String.valueOf(value);
    }
}
