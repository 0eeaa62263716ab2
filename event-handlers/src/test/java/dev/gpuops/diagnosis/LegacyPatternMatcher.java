package dev.gpuops.diagnosis;

import dev.gpuops.provider.support.Redactor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Test reference: a frozen copy of {@code PatternMatcher} as it was before the one-pass matcher of issue 11.
 * {@link MatcherEquivalenceTest} checks that the new matcher gives results identical to this one.
 *
 * <p>Its own doc: Decides whether one pattern matches a set of evidence and how confident that is. Confidence is the noisy-or of
 * the matched rules' weights (each scaled by the kind of evidence it matched in), times a specificity factor from
 * 0.6 (generic symptom) to 1.0 (exact cause), so a cause outranks the symptom it produces.
 */
final class LegacyPatternMatcher {

    static final double MAX_CONFIDENCE = 0.99;
    static final int MAX_EVIDENCE_LINES = 8;
    static final int MAX_LINE_CHARS = 300;
    /** Captured text only becomes a command argument when it looks like a name, never arbitrary log text. */
    private static final Pattern SAFE_ARGUMENT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@:/-]{0,63}");

    private LegacyPatternMatcher() {
    }

    /** A pattern that matched, with what it takes to rank it. */
    record Match(FailurePattern pattern, Diagnosis diagnosis, int rulesMatched) {
    }

    private record Hit(Rule rule, double strength, List<LegacyRuleScanner.Found> found) {
    }

    static Optional<Match> evaluate(FailurePattern pattern, List<LegacyScanText> evidence) {
        List<LegacyScanText> looked = evidence.stream().filter(t -> pattern.looksAt(t.kind())).toList();
        if (looked.isEmpty() || pattern.unless().stream().anyMatch(rule -> hit(rule, looked) != null)) {
            return Optional.empty();
        }
        List<Hit> hits = new ArrayList<>();
        for (Rule rule : pattern.all()) {
            Hit hit = hit(rule, looked);
            if (hit == null) {
                return Optional.empty();
            }
            hits.add(hit);
        }
        int required = hits.size();
        pattern.any().stream().map(rule -> hit(rule, looked)).filter(h -> h != null).forEach(hits::add);
        if (!pattern.any().isEmpty() && hits.size() == required) {
            return Optional.empty();
        }
        pattern.support().stream().map(rule -> hit(rule, looked)).filter(h -> h != null).forEach(hits::add);
        return Optional.of(new Match(pattern, diagnosis(pattern, hits), hits.size()));
    }

    private static Hit hit(Rule rule, List<LegacyScanText> texts) {
        List<LegacyRuleScanner.Found> found = new ArrayList<>();
        double strength = 0;
        for (LegacyScanText text : texts) {
            if (!rule.appliesTo(text.kind())) {
                continue;
            }
            LegacyRuleScanner.Found f = LegacyRuleScanner.scan(rule, text);
            if (f != null) {
                found.add(f);
                strength = Math.max(strength, rule.weight() * LegacyRuleScanner.kindFactor(text.kind()));
            }
        }
        return found.isEmpty() ? null : new Hit(rule, strength, found);
    }

    private static Diagnosis diagnosis(FailurePattern pattern, List<Hit> hits) {
        double miss = 1.0;
        for (Hit hit : hits) {
            miss *= 1.0 - hit.strength();
        }
        // Never 1.0: a log can always mislead, and on-call should read "0.99" as "check the evidence lines".
        double confidence = Math.min(MAX_CONFIDENCE,
                Math.round((1.0 - miss) * (0.5 + 0.1 * pattern.specificity()) * 100) / 100.0);
        List<Hit> strongest = hits.stream().sorted(Comparator.comparingDouble(Hit::strength).reversed()).toList();
        Set<String> lines = new LinkedHashSet<>();
        Map<String, String> captures = new LinkedHashMap<>();
        for (Hit hit : strongest) {
            for (LegacyRuleScanner.Found found : hit.found()) {
                found.lines().forEach(line -> lines.add(display(line)));
                found.captures().forEach(captures::putIfAbsent);
            }
        }
        String source = strongest.getFirst().found().getFirst().text().source();
        return new Diagnosis(pattern.id(), pattern.title(), confidence, pattern.meaning(), pattern.fix(),
                fill(pattern.remediation(), captures), lines.stream().limit(MAX_EVIDENCE_LINES).toList(), source);
    }

    private static String fill(String template, Map<String, String> captures) {
        if (template == null) {
            return null;
        }
        String out = template;
        for (Map.Entry<String, String> capture : captures.entrySet()) {
            if (SAFE_ARGUMENT.matcher(capture.getValue()).matches()) {
                out = out.replace("${" + capture.getKey() + "}", capture.getValue());
            }
        }
        return out;
    }

    /** A line as shown to humans: redacted, trimmed and cut to a readable length. */
    static String display(String line) {
        String out = Redactor.redact(line.strip());
        return out.length() > MAX_LINE_CHARS ? out.substring(0, MAX_LINE_CHARS - 1) + "…" : out;
    }
}
