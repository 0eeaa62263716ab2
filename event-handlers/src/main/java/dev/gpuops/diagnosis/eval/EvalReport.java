package dev.gpuops.diagnosis.eval;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders split scores for a terminal or a CI log: headline figures, per-pattern table, mistakes. */
public final class EvalReport {

    private EvalReport() {
    }

    public static String render(List<SplitScore> scores) {
        StringBuilder out = new StringBuilder();
        for (SplitScore score : scores) {
            out.append(headline(score)).append('\n');
            out.append(table(score)).append(mistakes(score)).append('\n');
        }
        return out.toString().stripTrailing();
    }

    /** The per-split sections, then the headline over the whole corpus. */
    public static String render(List<SplitScore> scores, SplitScore all) {
        return render(scores) + "\n\n" + headline(all).stripTrailing();
    }

    static String headline(SplitScore s) {
        return String.format(Locale.ROOT, "== %s: %d failure samples, %d negatives%n"
                        + "top-1 accuracy  %s (%d/%d)%nfalse alarms    %s (%d/%d negatives)%n",
                s.split(), s.failures(), s.negatives(), percent(s.top1()), s.correct(), s.failures(),
                percent(s.falseAlarmRate()), s.falseAlarms(), s.negatives());
    }

    private static String table(SplitScore s) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%-32s %9s %9s %4s %4s %4s%n",
                "pattern", "precision", "recall", "tp", "fp", "fn"));
        s.perPattern().forEach((id, p) -> out.append(String.format(Locale.ROOT, "%-32s %9s %9s %4d %4d %4d%n",
                id, percent(p.precision()), percent(p.recall()), p.truePositives(), p.falsePositives(),
                p.falseNegatives())));
        return out.toString();
    }

    private static String mistakes(SplitScore s) {
        if (s.mistakes().isEmpty()) {
            return "mistakes: none\n";
        }
        StringBuilder out = new StringBuilder("mistakes (expected -> got: count):\n");
        s.mistakes().entrySet().stream()
                .sorted(Map.Entry.<SplitScore.Mistake, Integer>comparingByValue().reversed()
                        .thenComparing(e -> e.getKey().toString(), Comparator.naturalOrder()))
                .forEach(e -> out.append("  ").append(name(e.getKey().expected())).append(" -> ")
                        .append(name(e.getKey().got())).append(": ").append(e.getValue()).append('\n'));
        return out.toString();
    }

    private static String name(String id) {
        return id == null ? "none" : id;
    }

    static String percent(double value) {
        return Double.isNaN(value) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", value * 100);
    }
}
