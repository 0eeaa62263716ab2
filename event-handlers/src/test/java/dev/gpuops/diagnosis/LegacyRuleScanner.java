package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Test reference: a frozen copy of {@code RuleScanner} as it was before the one-pass matcher of issue 11.
 * {@link MatcherEquivalenceTest} checks that the new matcher gives results identical to this one.
 *
 * <p>Its own doc: Finds where one rule matches in one piece of evidence. Regex rules visit only the lines where one of their
 * needles occurs (found for all rules at once by {@link LegacyNeedleIndex}) and run the regex there, each line once.
 */
final class LegacyRuleScanner {

    /** Lines kept per rule and evidence: the last ones, which are the most recent. */
    static final int MAX_LINES = 8;

    private LegacyRuleScanner() {
    }

    /** Where a rule matched in one evidence: the matching lines in order and any named-group captures. */
    record Found(LegacyScanText text, List<String> lines, Map<String, String> captures) {
    }

    static Found scan(Rule rule, LegacyScanText text) {
        return switch (rule) {
            case RegexRule regex -> scanRegex(regex, text);
            case FieldRule field -> scanField(field, text);
        };
    }

    private static Found scanField(FieldRule rule, LegacyScanText text) {
        JsonNode json = text.json();
        JsonNode value = json == null ? null : rule.select(json);
        return value == null ? null : new Found(text, List.of(rule.describe(value)), Map.of());
    }

    private static Found scanRegex(RegexRule rule, LegacyScanText text) {
        BitSet tested = new BitSet();
        TreeSet<Integer> matched = new TreeSet<>();
        Map<String, String> captures = new LinkedHashMap<>();
        int captureLine = -1;
        for (String literal : rule.literals()) {
            for (int start : text.hits().starts(literal)) {
                int line = text.lineAt(start);
                if (tested.get(line)) {
                    continue;
                }
                tested.set(line);
                String content = text.line(line);
                Matcher m = rule.pattern().matcher(content);
                if (!m.find() || vetoed(rule.unless(), content)) {
                    continue;
                }
                matched.add(line);
                if (matched.size() > MAX_LINES) {
                    matched.pollFirst();
                }
                if (line > captureLine && !rule.groupNames().isEmpty()) {
                    captureLine = line;
                    capture(m, rule.groupNames(), captures);
                }
            }
        }
        if (matched.isEmpty()) {
            return null;
        }
        return new Found(text, matched.stream().map(text::line).toList(), captures);
    }

    private static boolean vetoed(List<Pattern> unless, String line) {
        for (Pattern veto : unless) {
            if (veto.matcher(line).find()) {
                return true;
            }
        }
        return false;
    }

    private static void capture(Matcher m, List<String> names, Map<String, String> into) {
        for (String name : names) {
            String value = m.group(name);
            if (value != null) {
                into.put(name, value);
            }
        }
    }

    /** How much a match in this kind of evidence is worth: command output may echo text that is not a failure. */
    static double kindFactor(Evidence.Kind kind) {
        if (kind == null) {
            return 0.95;
        }
        return kind == Evidence.Kind.COMMAND_OUTPUT ? 0.9 : 1.0;
    }
}
