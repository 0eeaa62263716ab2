package dev.gpuops.diagnosis.eval;

import java.util.Map;
import java.util.SortedMap;

/**
 * How the catalog did on one split of a corpus.
 *
 * @param correct     failure samples whose top diagnosis is their label
 * @param falseAlarms negatives that got any diagnosis
 * @param perPattern  per label and per predicted id: true positives, false positives, false negatives
 * @param mistakes    "expected → got" (null shown as "none") and how often, only for wrong answers
 */
public record SplitScore(String split, int failures, int correct, int negatives, int falseAlarms,
                         SortedMap<String, PatternScore> perPattern, Map<Mistake, Integer> mistakes) {

    /** One row of the per-pattern table. */
    public record PatternScore(int truePositives, int falsePositives, int falseNegatives) {

        public double precision() {
            int predicted = truePositives + falsePositives;
            return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
        }

        public double recall() {
            int labelled = truePositives + falseNegatives;
            return labelled == 0 ? Double.NaN : (double) truePositives / labelled;
        }
    }

    /** A wrong answer: the label (null = negative) and the top diagnosis (null = nothing matched). */
    public record Mistake(String expected, String got) {
    }

    /** Share of failure samples diagnosed as their label, first; NaN without failure samples. */
    public double top1() {
        return failures == 0 ? Double.NaN : (double) correct / failures;
    }

    /** Share of negatives that got any diagnosis; NaN without negatives. */
    public double falseAlarmRate() {
        return negatives == 0 ? Double.NaN : (double) falseAlarms / negatives;
    }
}
