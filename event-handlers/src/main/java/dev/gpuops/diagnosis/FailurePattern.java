package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * One entry of the failure-pattern catalog, validated. It matches when every {@code all} rule and (if there are
 * any) at least one {@code any} rule match in evidence of a {@code where} kind, and no {@code unless} rule does.
 *
 * @param specificity 1 (generic symptom) to 5 (one exact cause); 1-2 make the pattern a {@link #symptom()}
 * @param supersedes  ids of patterns this one explains, which rank below it whenever both match
 * @param remediation a {@code /gpu …} template or null
 * @param file        the catalog file it came from, for messages
 * @param line        1-based line of its {@code id}
 */
public record FailurePattern(String id, String title, Severity severity, int specificity, List<String> supersedes,
                             Set<Evidence.Kind> where, List<Rule> any, List<Rule> all, List<Rule> support,
                             List<Rule> unless, String meaning, String fix, String remediation, Path file, int line) {

    /** Highest specificity that still only describes a symptom (a crash, a dead port) rather than its cause. */
    public static final int SYMPTOM_SPECIFICITY = 2;

    public FailurePattern {
        supersedes = supersedes == null ? List.of() : List.copyOf(supersedes);
        where = Set.copyOf(where);
        any = List.copyOf(any);
        all = List.copyOf(all);
        support = List.copyOf(support);
        unless = List.copyOf(unless);
    }

    /** A generic consequence (app crashed, program FATAL) that some cause pattern usually explains. */
    public boolean symptom() {
        return specificity <= SYMPTOM_SPECIFICITY;
    }

    /** Whether the pattern looks at this kind of evidence; a null kind (free text from the CLI) is always looked at. */
    public boolean looksAt(Evidence.Kind kind) {
        return kind == null || where.contains(kind);
    }
}
