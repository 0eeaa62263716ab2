package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A condition on a field of JSON evidence (a RunPod {@code /health} body, an instance record). Every test must hold.
 *
 * @param field dotted path, e.g. {@code workers.idle}; numeric segments index arrays
 *              ({@code InstanceRefreshes.0.Status})
 */
public record FieldRule(String field, List<FieldTest> tests, double weight, Set<Evidence.Kind> in) implements Rule {

    public FieldRule {
        tests = List.copyOf(tests);
        in = Set.copyOf(in);
    }

    /** The value at {@link #field()} when it exists and passes every test. */
    public JsonNode select(JsonNode root) {
        JsonNode node = root;
        for (String name : field.split("\\.")) {
            node = node.isArray() && name.chars().allMatch(Character::isDigit)
                    ? node.path(Integer.parseInt(name)) : node.path(name);
        }
        JsonNode value = node;
        return tests.stream().allMatch(test -> test.holds(value)) ? value : null;
    }

    public String describe(JsonNode value) {
        return field + " = " + (value.isString() ? value.asString() : value.toString());
    }
}
