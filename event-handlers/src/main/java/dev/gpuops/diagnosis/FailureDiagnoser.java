package dev.gpuops.diagnosis;

import dev.gpuops.runbook.action.Evidence;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Explains failures: matches step evidence against the failure-pattern catalog and ranks what matched, best
 * first. Safe to share between threads (all scan state is per call).
 */
public final class FailureDiagnoser {

    /** Below this a match is too weak to show an on-call engineer as an explanation. */
    static final double MIN_CONFIDENCE = 0.25;
    static final int UNKNOWN_LINES = 10;

    private static final Pattern RELEVANT = Pattern.compile("(?i)\\b(?:error|errors|exception|traceback|fatal"
            + "|failed|failure|critical|panic|denied|unauthori[sz]ed|forbidden|refused|timed out|timeout|killed"
            + "|warn|warning|cannot|could not|unable|not found|no such|exited|abort(?:ed)?|crash(?:ed)?)\\b");

    private final PatternCatalog catalog;
    private final Prefilters needles;

    public FailureDiagnoser(PatternCatalog catalog) {
        this.catalog = catalog;
        this.needles = new Prefilters(catalog);
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
        List<ScanText> texts = prepare(evidence);
        List<PatternMatcher.Match> ranked = matches(texts);
        return ranked.isEmpty() ? new Conclusion(unknown(texts), List.of())
                : new Conclusion(ranked.getFirst().diagnosis(), CauseRanking.alsoPossible(ranked));
    }

    /** Like {@link #diagnose} for text of unknown origin (a file given to the CLI): every pattern looks at it. */
    public List<Diagnosis> diagnoseText(String text, String source) {
        return rank(List.of(ScanText.of(null, source, text).index(needles)));
    }

    public Diagnosis concludeText(String text, String source) {
        return explainText(text, source).getFirst();
    }

    /** Never empty: every match best first, or just the "no known pattern" result. One scan either way. */
    public List<Diagnosis> explainText(String text, String source) {
        List<ScanText> texts = List.of(ScanText.of(null, source, text).index(needles));
        List<Diagnosis> ranked = rank(texts);
        return ranked.isEmpty() ? List.of(unknown(texts)) : ranked;
    }

    private List<ScanText> prepare(List<Evidence> evidence) {
        return evidence.stream().map(e -> ScanText.of(e.kind(), e.source(), e.text()).index(needles)).toList();
    }

    private List<Diagnosis> rank(List<ScanText> texts) {
        return matches(texts).stream().map(PatternMatcher.Match::diagnosis).toList();
    }

    /** Every pattern that matched with enough confidence, ranked by {@link CauseRanking}. */
    private List<PatternMatcher.Match> matches(List<ScanText> texts) {
        List<PatternMatcher.Match> matches = new ArrayList<>();
        for (FailurePattern pattern : catalog.patterns()) {
            PatternMatcher.evaluate(pattern, texts)
                    .filter(m -> m.diagnosis().confidence() >= MIN_CONFIDENCE)
                    .ifPresent(matches::add);
        }
        return CauseRanking.rank(matches);
    }

    /**
     * The last {@link #UNKNOWN_LINES} relevant lines (errors, failures, timeouts…) of the evidence, else its last
     * non-blank lines. Read from the end, so a long log with relevant lines near its end is not cleaned and matched
     * line by line from its start. The source is the last evidence with a relevant line; without any, the last
     * evidence, provided some evidence has a non-blank line.
     */
    private static Diagnosis unknown(List<ScanText> texts) {
        Deque<String> relevant = new ArrayDeque<>();
        Deque<String> tail = new ArrayDeque<>();
        String relevantSource = null;
        for (int t = texts.size() - 1; t >= 0 && relevant.size() < UNKNOWN_LINES; t--) {
            ScanText text = texts.get(t);
            for (int i = text.lineCount() - 1; i >= 0 && relevant.size() < UNKNOWN_LINES; i--) {
                String line = text.line(i);
                if (line.isBlank()) {
                    continue;
                }
                if (tail.size() < UNKNOWN_LINES) {
                    tail.addFirst(line);
                }
                if (RELEVANT.matcher(line).find()) {
                    relevant.addFirst(line);
                    relevantSource = relevantSource == null ? text.source() : relevantSource;
                }
            }
        }
        String source = relevantSource != null ? relevantSource : tail.isEmpty() ? "" : texts.getLast().source();
        Deque<String> chosen = relevant.isEmpty() ? tail : relevant;
        return Diagnosis.unknown(chosen.stream().map(PatternMatcher::display).toList(), source);
    }
}
