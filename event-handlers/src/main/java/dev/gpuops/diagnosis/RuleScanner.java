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
 * Finds where one rule matches in one piece of evidence. Regex rules visit only the lines where one of their
 * needles occurs (found for all rules at once by {@link NeedleIndex}), in the order of their {@code literals} and
 * each line once, and run the regex on those that pass the rule's other prefilter gates ({@link Prefilters}). The
 * visiting order matters: when several lines match, later ones overwrite the named-group captures of earlier ones.
 */
final class RuleScanner {

    /** Lines kept per rule and evidence: the last ones, which are the most recent. */
    static final int MAX_LINES = 8;

    private RuleScanner() {
    }

    /** Where a rule matched in one evidence: the matching lines in order and any named-group captures. */
    record Found(ScanText text, List<String> lines, Map<String, String> captures) {
    }

    static Found scan(Rule rule, ScanText text) {
        return switch (rule) {
            case RegexRule regex -> scanRegex(regex, text);
            case FieldRule field -> scanField(field, text);
        };
    }

    private static Found scanField(FieldRule rule, ScanText text) {
        JsonNode json = text.json();
        JsonNode value = json == null ? null : rule.select(json);
        return value == null ? null : new Found(text, List.of(rule.describe(value)), Map.of());
    }

    private static Found scanRegex(RegexRule rule, ScanText text) {
        Prefilters.Prefilter prefilter = text.prefilter(rule);
        NeedleHits hits = text.hits();
        BitSet tested = new BitSet(text.lineCount());
        TreeSet<Integer> matched = new TreeSet<>();
        Map<String, String> captures = new LinkedHashMap<>();
        int captureLine = -1;
        for (int needle : prefilter.visit()) {
            for (int i = 0, n = hits.count(needle); i < n; i++) {
                int line = hits.line(needle, i);
                if (tested.get(line)) {
                    continue;
                }
                tested.set(line);
                if (!prefilter.passes(hits, line)) {
                    continue;
                }
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
