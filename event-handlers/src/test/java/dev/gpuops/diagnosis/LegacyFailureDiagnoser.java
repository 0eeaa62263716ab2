package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Test reference: a frozen copy of {@code FailureDiagnoser} as it was before the one-pass matcher of issue 11.
 * {@link MatcherEquivalenceTest} checks that the new matcher gives results identical to this one.
 *
 * <p>Its own doc: Explains failures: matches step evidence against the failure-pattern catalog and ranks what matched, best
 * first. Safe to share between threads (all scan state is per call).
 */
public final class LegacyFailureDiagnoser {

    /** Below this a match is too weak to show an on-call engineer as an explanation. */
    static final double MIN_CONFIDENCE = 0.25;
    static final int UNKNOWN_LINES = 10;

    private static final Pattern RELEVANT = Pattern.compile("(?i)\\b(?:error|errors|exception|traceback|fatal"
            + "|failed|failure|critical|panic|denied|unauthori[sz]ed|forbidden|refused|timed out|timeout|killed"
            + "|warn|warning|cannot|could not|unable|not found|no such|exited|abort(?:ed)?|crash(?:ed)?)\\b");

    private final PatternCatalog catalog;
    private final LegacyNeedleIndex needles;

    public LegacyFailureDiagnoser(PatternCatalog catalog) {
        this.catalog = catalog;
        this.needles = new LegacyNeedleIndex(catalog.patterns().stream()
                .flatMap(p -> Stream.of(p.any(), p.all(), p.support(), p.unless()).flatMap(List::stream))
                .filter(RegexRule.class::isInstance).map(RegexRule.class::cast)
                .flatMap(rule -> rule.literals().stream()).toList());
    }

    /** Every pattern that matched, best first; empty when nothing did. */
    public List<Diagnosis> diagnose(List<Evidence> evidence) {
        return rank(prepare(evidence));
    }

    public Optional<Diagnosis> best(List<Evidence> evidence) {
        return diagnose(evidence).stream().findFirst();
    }

    /** The best match, or an honest "no known pattern" carrying the last relevant lines. */
    public Diagnosis conclude(List<Evidence> evidence) {
        return explain(evidence).best();
    }

    /** The best match (or "no known pattern") and the runner-ups close enough to name as "also possible". */
    public Conclusion explain(List<Evidence> evidence) {
        List<LegacyScanText> texts = prepare(evidence);
        List<LegacyPatternMatcher.Match> ranked = matches(texts);
        return ranked.isEmpty() ? new Conclusion(unknown(texts), List.of())
                : new Conclusion(ranked.getFirst().diagnosis(), LegacyCauseRanking.alsoPossible(ranked));
    }

    /** Like {@link #diagnose} for text of unknown origin (a file given to the CLI): every pattern looks at it. */
    public List<Diagnosis> diagnoseText(String text, String source) {
        return rank(List.of(LegacyScanText.of(null, source, text).index(needles)));
    }

    public Diagnosis concludeText(String text, String source) {
        return explainText(text, source).getFirst();
    }

    /** Never empty: every match best first, or just the "no known pattern" result. One scan either way. */
    public List<Diagnosis> explainText(String text, String source) {
        List<LegacyScanText> texts = List.of(LegacyScanText.of(null, source, text).index(needles));
        List<Diagnosis> ranked = rank(texts);
        return ranked.isEmpty() ? List.of(unknown(texts)) : ranked;
    }

    private List<LegacyScanText> prepare(List<Evidence> evidence) {
        return evidence.stream().map(e -> LegacyScanText.of(e.kind(), e.source(), e.text()).index(needles)).toList();
    }

    private List<Diagnosis> rank(List<LegacyScanText> texts) {
        return matches(texts).stream().map(LegacyPatternMatcher.Match::diagnosis).toList();
    }

    /** Every pattern that matched with enough confidence, ranked by {@link LegacyCauseRanking}. */
    private List<LegacyPatternMatcher.Match> matches(List<LegacyScanText> texts) {
        List<LegacyPatternMatcher.Match> matches = new ArrayList<>();
        for (FailurePattern pattern : catalog.patterns()) {
            LegacyPatternMatcher.evaluate(pattern, texts)
                    .filter(m -> m.diagnosis().confidence() >= MIN_CONFIDENCE)
                    .ifPresent(matches::add);
        }
        return LegacyCauseRanking.rank(matches);
    }

    private static Diagnosis unknown(List<LegacyScanText> texts) {
        Deque<String> relevant = new ArrayDeque<>();
        Deque<String> tail = new ArrayDeque<>();
        String source = "";
        for (LegacyScanText text : texts) {
            for (int i = 0; i < text.lineCount(); i++) {
                String line = text.line(i);
                if (line.isBlank()) {
                    continue;
                }
                keepLast(tail, line);
                if (RELEVANT.matcher(line).find()) {
                    keepLast(relevant, line);
                    source = text.source();
                }
            }
            if (relevant.isEmpty() && !tail.isEmpty()) {
                source = text.source();
            }
        }
        Deque<String> chosen = relevant.isEmpty() ? tail : relevant;
        return Diagnosis.unknown(chosen.stream().map(LegacyPatternMatcher::display).toList(), source);
    }

    private static void keepLast(Deque<String> lines, String line) {
        lines.addLast(line);
        if (lines.size() > UNKNOWN_LINES) {
            lines.removeFirst();
        }
    }
}
