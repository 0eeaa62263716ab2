package dev.gpuops.diagnosis;

import java.util.Objects;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/** One comparison of a {@link FieldRule}. A missing field satisfies none but {@code exists: false}. */
public sealed interface FieldTest {

    boolean holds(JsonNode value);

    record Equals(Object expected, boolean negate) implements FieldTest {
        @Override
        public boolean holds(JsonNode value) {
            if (value.isMissingNode()) {
                return false;
            }
            boolean same = switch (expected) {
                case Number n -> number(value) != null && number(value) == n.doubleValue();
                case Boolean b -> value.isBoolean() ? value.asBoolean() == b
                        : Objects.equals(text(value), b.toString());
                default -> Objects.equals(text(value), expected.toString());
            };
            return same != negate;
        }
    }

    /** {@code gt}, {@code gte}, {@code lt}, {@code lte}. */
    record Compare(String op, double bound) implements FieldTest {
        @Override
        public boolean holds(JsonNode value) {
            Double actual = number(value);
            if (actual == null) {
                return false;
            }
            return switch (op) {
                case "gt" -> actual > bound;
                case "gte" -> actual >= bound;
                case "lt" -> actual < bound;
                case "lte" -> actual <= bound;
                default -> throw new IllegalStateException("unknown comparison " + op);
            };
        }
    }

    record Matches(Pattern regex) implements FieldTest {
        @Override
        public boolean holds(JsonNode value) {
            String text = text(value);
            return text != null && regex.matcher(text).find();
        }
    }

    record Exists(boolean expected) implements FieldTest {
        @Override
        public boolean holds(JsonNode value) {
            return (!value.isMissingNode() && !value.isNull()) == expected;
        }
    }

    /** Null, an empty array/object or an empty string; a missing field is unknown, not empty. */
    record Empty(boolean expected) implements FieldTest {
        @Override
        public boolean holds(JsonNode value) {
            if (value.isMissingNode()) {
                return false;
            }
            boolean empty = value.isNull() || (value.isContainer() && value.isEmpty())
                    || (value.isString() && value.asString().isEmpty());
            return empty == expected;
        }
    }

    private static Double number(JsonNode value) {
        if (value.isNumber()) {
            return value.asDouble();
        }
        if (value.isString()) {
            try {
                return Double.parseDouble(value.asString().trim());
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return null;
    }

    private static String text(JsonNode value) {
        if (value.isMissingNode() || value.isContainer()) {
            return null;
        }
        return value.isNull() ? "null" : value.asString();
    }
}
