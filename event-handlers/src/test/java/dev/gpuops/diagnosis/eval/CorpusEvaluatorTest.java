package dev.gpuops.diagnosis.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.diagnosis.FailureDiagnoser;
import dev.gpuops.diagnosis.FailurePattern;
import dev.gpuops.diagnosis.PatternCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CorpusEvaluatorTest {

    private static CorpusEvaluator evaluator;

    @BeforeAll
    static void catalog() {
        Path patterns = Files.isDirectory(Path.of("runbooks", "patterns")) ? Path.of("runbooks", "patterns")
                : Path.of("..", "runbooks", "patterns");
        PatternCatalog catalog = PatternCatalog.load(patterns);
        Set<String> ids = catalog.patterns().stream().map(FailurePattern::id).collect(Collectors.toSet());
        evaluator = new CorpusEvaluator(new FailureDiagnoser(catalog), ids);
    }

    private static CorpusSample sample(String text, String label, String split) {
        return new CorpusSample(text, label, "https://example.test/" + text.hashCode(), split, "t.jsonl:1");
    }

    @Test
    void scoresTopOneFalseAlarmsPerPatternAndMistakesPerSplit() {
        List<SplitScore> scores = evaluator.evaluate(List.of(
                sample("torch.OutOfMemoryError: CUDA out of memory. Tried to allocate 2.00 GiB", "cuda-oom", "dev"),
                sample("write /var/lib/docker/tmp/x: no space left on device", "cuda-oom", "dev"),
                sample("all good, serving on :8000", "disk-full", "dev"),
                sample("INFO:     Application startup complete.", null, "dev"),
                sample("OSError: [Errno 98] Address already in use", null, "dev"),
                sample("CUDA out of memory", "cuda-oom", "holdout")));

        assertThat(scores).extracting(SplitScore::split).containsExactly("dev", "holdout");
        SplitScore dev = scores.getFirst();
        assertThat(dev.failures()).isEqualTo(3);
        assertThat(dev.correct()).isEqualTo(1);
        assertThat(dev.top1()).isEqualTo(1.0 / 3);
        assertThat(dev.negatives()).isEqualTo(2);
        assertThat(dev.falseAlarms()).isEqualTo(1);
        assertThat(dev.perPattern().get("cuda-oom")).isEqualTo(new SplitScore.PatternScore(1, 0, 1));
        assertThat(dev.perPattern().get("disk-full")).isEqualTo(new SplitScore.PatternScore(0, 1, 1));
        assertThat(dev.perPattern().get("port-in-use")).isEqualTo(new SplitScore.PatternScore(0, 1, 0));
        assertThat(dev.perPattern().get("cuda-oom").precision()).isEqualTo(1.0);
        assertThat(dev.perPattern().get("cuda-oom").recall()).isEqualTo(0.5);
        assertThat(dev.mistakes()).containsOnly(
                java.util.Map.entry(new SplitScore.Mistake("cuda-oom", "disk-full"), 1),
                java.util.Map.entry(new SplitScore.Mistake("disk-full", null), 1),
                java.util.Map.entry(new SplitScore.Mistake(null, "port-in-use"), 1));
        assertThat(scores.get(1).top1()).isEqualTo(1.0);
        assertThat(scores.get(1).falseAlarmRate()).isNaN();
    }

    @Test
    void theReportShowsHeadlinesTableAndMistakes() {
        String report = EvalReport.render(evaluator.evaluate(List.of(
                sample("no space left on device", "disk-full", "dev"),
                sample("hello", "cuda-oom", "dev"),
                sample("ready", null, "dev"))));

        assertThat(report).contains("== dev: 2 failure samples, 1 negatives", "top-1 accuracy  50.0% (1/2)",
                "false alarms    0.0% (0/1 negatives)", "disk-full", "100.0%", "cuda-oom -> none: 1");
    }

    @Test
    void aLabelThatIsNoPatternIsAnErrorNamingTheLine() {
        assertThatThrownBy(() -> evaluator.evaluate(List.of(sample("x", "disk-ful", "dev"))))
                .isInstanceOf(CorpusException.class).hasMessageContaining("t.jsonl:1:label: \"disk-ful\"");
    }
}
