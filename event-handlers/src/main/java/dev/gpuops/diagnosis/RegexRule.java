package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A regex tried on single lines. It only runs on lines containing one of its {@code literals} (compared
 * case-insensitively), which is what keeps a scan of megabytes of logs cheap.
 *
 * @param literals   prefilter needles, lower-case ASCII; at least one occurs in every line the regex can match
 * @param unless     regexes that veto a match on the same line
 * @param groupNames named groups, whose captures fill the pattern's remediation template
 */
public record RegexRule(String regex, Pattern pattern, List<String> literals, List<Pattern> unless, double weight,
                        Set<Evidence.Kind> in, List<String> groupNames) implements Rule {

    public RegexRule {
        literals = List.copyOf(literals);
        unless = List.copyOf(unless);
        in = Set.copyOf(in);
        groupNames = List.copyOf(groupNames);
    }
}
