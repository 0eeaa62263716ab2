package dev.gpuops.diagnosis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Test reference: a frozen copy of {@code CauseRanking} as it was before the one-pass matcher of issue 11.
 * {@link MatcherEquivalenceTest} checks that the new matcher gives results identical to this one.
 *
 * <p>Its own doc: Orders matches so that a cause beats the symptom it produces. This is a rule, not a weight: confidence only
 * decides between matches of the same standing.
 * <ol>
 *   <li>A symptom pattern (specificity 1-2: app crashed, program FATAL) never ranks above a cause pattern
 *       (specificity 3-5) that matched the same evidence: the crash is what the cause looks like from outside.</li>
 *   <li>A pattern that declares {@code supersedes: [b]} ranks above {@code b} whenever both matched (a full disk
 *       explains a failed pull).</li>
 *   <li>Then confidence, specificity, the number of rules that matched, and catalog order.</li>
 * </ol>
 * It also picks the runner-ups close enough to name as "also possible".
 */
final class LegacyCauseRanking {

    /** A runner-up within this much confidence of the best is shown as "also possible". */
    static final double CLOSE_MARGIN = 0.15;
    static final int MAX_ALSO_POSSIBLE = 2;

    private static final Comparator<LegacyPatternMatcher.Match> STANDING = Comparator
            .comparing((LegacyPatternMatcher.Match m) -> m.pattern().symptom())
            .thenComparing(Comparator.comparingDouble((LegacyPatternMatcher.Match m) -> m.diagnosis().confidence())
                    .reversed())
            .thenComparing(Comparator.comparingInt((LegacyPatternMatcher.Match m) -> m.pattern().specificity()).reversed())
            .thenComparing(Comparator.comparingInt(LegacyPatternMatcher.Match::rulesMatched).reversed());

    private LegacyCauseRanking() {
    }

    /** Best first. {@code matches} must be in catalog order (the sort is stable, so that order breaks last ties). */
    static List<LegacyPatternMatcher.Match> rank(List<LegacyPatternMatcher.Match> matches) {
        List<LegacyPatternMatcher.Match> ranked = new ArrayList<>(matches);
        ranked.sort(STANDING);
        applySupersedes(ranked);
        return ranked;
    }

    /** Moves every pattern above the ones it supersedes; terminates because the catalog has no supersedes cycle. */
    private static void applySupersedes(List<LegacyPatternMatcher.Match> ranked) {
        int i = 0;
        int moves = 0;
        while (i < ranked.size() && moves <= ranked.size() * ranked.size()) {
            int explainer = explainerAfter(ranked, i);
            if (explainer < 0) {
                i++;
            } else {
                ranked.add(i, ranked.remove(explainer));
                moves++;
            }
        }
    }

    private static int explainerAfter(List<LegacyPatternMatcher.Match> ranked, int i) {
        String id = ranked.get(i).pattern().id();
        for (int j = i + 1; j < ranked.size(); j++) {
            if (ranked.get(j).pattern().supersedes().contains(id)) {
                return j;
            }
        }
        return -1;
    }

    /**
     * Runner-ups worth naming next to the best: within {@link #CLOSE_MARGIN} of its confidence, and not merely a
     * symptom of it or a pattern it supersedes (those are explained by the best, not alternatives to it).
     */
    static List<Diagnosis> alsoPossible(List<LegacyPatternMatcher.Match> ranked) {
        if (ranked.size() < 2) {
            return List.of();
        }
        LegacyPatternMatcher.Match best = ranked.getFirst();
        double floor = best.diagnosis().confidence() - CLOSE_MARGIN;
        return ranked.stream().skip(1)
                .filter(m -> best.pattern().symptom() || !m.pattern().symptom())
                .filter(m -> !best.pattern().supersedes().contains(m.pattern().id()))
                .filter(m -> m.diagnosis().confidence() >= floor)
                .limit(MAX_ALSO_POSSIBLE)
                .map(LegacyPatternMatcher.Match::diagnosis).toList();
    }
}
