package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.JsonHttp;
import java.util.List;
import java.util.Map;

/**
 * Renders input values as GraphQL literals. Strings go through a JSON string encoder: every JSON escape (quote,
 * backslash, newline and other control characters) is also a GraphQL string escape, so a user's quote or newline can
 * neither end the string nor inject fields.
 */
final class GraphqlLiteral {

    private GraphqlLiteral() {
    }

    static String of(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return JsonHttp.JSON.writeValueAsString(s);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{");
            map.forEach((k, v) -> {
                String key = k.toString();
                if (!key.matches("[_A-Za-z][_0-9A-Za-z]*")) {
                    throw new IllegalArgumentException("not a GraphQL field name: " + key);
                }
                sb.append(sb.length() > 1 ? ", " : " ").append(key).append(": ").append(of(v));
            });
            return sb.append(" }").toString();
        }
        if (value instanceof List<?> list) {
            return "[" + String.join(", ", list.stream().map(GraphqlLiteral::of).toList()) + "]";
        }
        throw new IllegalArgumentException("cannot render " + value.getClass().getSimpleName() + " as GraphQL");
    }
}
