package dev.gpuops.diagnosis.eval;

import dev.gpuops.diagnosis.Diagnosis;
import dev.gpuops.diagnosis.FailureDiagnoser;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Runs the catalog over a labelled corpus, the way a user pastes a log into {@code gpuops diagnose}: each excerpt as
 * free text, only the top diagnosis counts. Dev and holdout are scored separately so the figure on logs kept out of
 * pattern development stays visible.
 */
public final class CorpusEvaluator {

    private final FailureDiagnoser diagnoser;
    private final Set<String> patternIds;

    public CorpusEvaluator(FailureDiagnoser diagnoser, Set<String> patternIds) {
        this.diagnoser = diagnoser;
        this.patternIds = Set.copyOf(patternIds);
    }

    /** Name of the score over every sample, whatever its split. */
    public static final String ALL = "all";

    /** One score per split present, dev first. */
    public List<SplitScore> evaluate(List<CorpusSample> samples) {
        checkLabels(samples);
        return List.of(CorpusSample.DEV, CorpusSample.HOLDOUT).stream()
                .map(split -> score(split, samples.stream().filter(s -> s.split().equals(split)).toList()))
                .filter(score -> score.failures() + score.negatives() > 0).toList();
    }

    /** One score over the whole corpus, named {@link #ALL}. */
    public SplitScore evaluateAll(List<CorpusSample> samples) {
        checkLabels(samples);
        return score(ALL, samples);
    }

    private void checkLabels(List<CorpusSample> samples) {
        samples.stream().filter(s -> !s.negative() && !patternIds.contains(s.label())).findFirst().ifPresent(s -> {
            throw new CorpusException(s.origin() + ":label: \"" + s.label()
                    + "\" is not a pattern id of the catalog (fix the label, or add the pattern)");
        });
    }

    /** The top pattern id the catalog gives this excerpt, or null when nothing matched. */
    public String predict(CorpusSample sample) {
        List<Diagnosis> ranked = diagnoser.diagnoseText(sample.text(), sample.source());
        return ranked.isEmpty() ? null : ranked.getFirst().patternId();
    }

    private SplitScore score(String split, List<CorpusSample> samples) {
        Tally tally = new Tally();
        for (CorpusSample sample : samples) {
            tally.add(sample.label(), predict(sample));
        }
        return new SplitScore(split, tally.failures, tally.correct, tally.negatives, tally.falseAlarms,
                tally.perPattern(), tally.mistakes);
    }

    private static final class Tally {
        private int failures;
        private int correct;
        private int negatives;
        private int falseAlarms;
        private final Map<String, int[]> counts = new HashMap<>();
        private final Map<SplitScore.Mistake, Integer> mistakes = new LinkedHashMap<>();

        void add(String expected, String got) {
            if (expected == null) {
                negatives++;
                falseAlarms += got == null ? 0 : 1;
            } else {
                failures++;
                correct += expected.equals(got) ? 1 : 0;
            }
            if (Objects.equals(expected, got)) {
                if (expected != null) {
                    row(expected)[0]++;
                }
                return;
            }
            if (got != null) {
                row(got)[1]++;
            }
            if (expected != null) {
                row(expected)[2]++;
            }
            mistakes.merge(new SplitScore.Mistake(expected, got), 1, Integer::sum);
        }

        private int[] row(String id) {
            return counts.computeIfAbsent(id, k -> new int[3]);
        }

        TreeMap<String, SplitScore.PatternScore> perPattern() {
            TreeMap<String, SplitScore.PatternScore> out = new TreeMap<>();
            counts.forEach((id, c) -> out.put(id, new SplitScore.PatternScore(c[0], c[1], c[2])));
            return out;
        }
    }
}
