package dev.gpuops.diagnosis.eval;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.diagnosis.FailureDiagnoser;
import dev.gpuops.diagnosis.FailurePattern;
import dev.gpuops.diagnosis.PatternCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The catalog on real logs written by other people (runbooks/corpus, quoted from public issue threads): top-1 at
 * least 95% and false alarms at most 2% of negatives on the whole corpus and on the dev split the patterns were
 * written against. The held-out fifth (never looked at while writing patterns) is reported and guarded against
 * regressions at {@link #HOLDOUT_TOP1_GUARD}: raising that bar by editing patterns until it passes would turn the
 * holdout into dev. Adding held-out samples the catalog misses lowers the figure without a regression; the guard
 * then moves down with it (see runbooks/corpus/README.md, Scores). The full report is written to target/corpus-eval.txt.
 */
class CorpusFloorTest {

    static final double TOP1_FLOOR = 0.95;
    static final double FALSE_ALARM_CEILING = 0.02;
    static final double HOLDOUT_TOP1_GUARD = 0.85;

    private static List<SplitScore> scores;
    private static SplitScore whole;

    @BeforeAll
    static void evaluate() throws IOException {
        Path root = Files.isDirectory(Path.of("runbooks")) ? Path.of("runbooks") : Path.of("..", "runbooks");
        PatternCatalog catalog = PatternCatalog.load(root.resolve("patterns"));
        Set<String> ids = catalog.patterns().stream().map(FailurePattern::id).collect(Collectors.toSet());
        CorpusEvaluator evaluator = new CorpusEvaluator(new FailureDiagnoser(catalog), ids);
        List<CorpusSample> corpus = CorpusReader.read(root.resolve("corpus"));
        scores = evaluator.evaluate(corpus);
        whole = evaluator.evaluateAll(corpus);
        String report = EvalReport.render(scores, whole);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "corpus-eval.txt"), report);
        System.out.println(report);
    }

    @Test
    void bothSplitsArePresent() {
        assertThat(scores).extracting(SplitScore::split).containsExactly(CorpusSample.DEV, CorpusSample.HOLDOUT);
    }

    @Test
    void wholeCorpusMeetsTheFloor() {
        assertFloor(whole, TOP1_FLOOR);
    }

    @Test
    void devSplitMeetsTheFloor() {
        assertFloor(split(CorpusSample.DEV), TOP1_FLOOR);
    }

    @Test
    void holdoutSplitStaysAboveItsRegressionGuard() {
        assertFloor(split(CorpusSample.HOLDOUT), HOLDOUT_TOP1_GUARD);
    }

    private static SplitScore split(String name) {
        return scores.stream().filter(s -> s.split().equals(name)).findFirst().orElseThrow();
    }

    private static void assertFloor(SplitScore score, double top1Floor) {
        String why = EvalReport.headline(score);
        assertThat(score.failures()).as("failure samples in %s", score.split()).isPositive();
        assertThat(score.negatives()).as("negatives in %s", score.split()).isPositive();
        assertThat(score.top1()).as(why).isGreaterThanOrEqualTo(top1Floor);
        assertThat(score.falseAlarmRate()).as(why).isLessThanOrEqualTo(FALSE_ALARM_CEILING);
    }
}
