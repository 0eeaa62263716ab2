package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.Set;

/** One weighted piece of a pattern's {@code match}: a line regex or a condition on a JSON field. */
public sealed interface Rule permits RegexRule, FieldRule {

    /** How strongly a match on its own points at the pattern, 0 (exclusive) to 1. */
    double weight();

    /** Evidence kinds this rule looks at; empty means every kind of the pattern's {@code where}. */
    Set<Evidence.Kind> in();

    /** Whether the rule looks at evidence of this kind (a null kind is free text of unknown origin). */
    default boolean appliesTo(Evidence.Kind kind) {
        return kind == null || in().isEmpty() || in().contains(kind);
    }
}
