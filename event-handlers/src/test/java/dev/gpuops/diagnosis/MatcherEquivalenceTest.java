package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.diagnosis.eval.CorpusReader;
import dev.gpuops.diagnosis.eval.CorpusSample;
import dev.gpuops.runbook.action.Evidence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one-pass matcher gives exactly what the matcher before it gave ({@link LegacyFailureDiagnoser}, a frozen
 * copy): the same patterns, confidences, evidence lines, captures (remediation), sources and order, on the labelled
 * corpus, the sample evidence files and generated adversarial logs. Records compare field by field, so any
 * difference fails.
 */
class MatcherEquivalenceTest {

    private static PatternCatalog catalog;
    private static FailureDiagnoser current;
    private static LegacyFailureDiagnoser legacy;
    private static List<CorpusSample> corpus;

    @BeforeAll
    static void load() {
        catalog = TestCatalog.shipped();
        current = new FailureDiagnoser(catalog);
        legacy = new LegacyFailureDiagnoser(catalog);
        Path root = Files.isDirectory(Path.of("runbooks")) ? Path.of("runbooks") : Path.of("..", "runbooks");
        corpus = CorpusReader.read(root.resolve("corpus"));
    }

    @Test
    void sameResultsOnEveryCorpusSample() {
        assertThat(corpus).hasSizeGreaterThan(100);
        int known = 0;
        for (CorpusSample sample : corpus) {
            List<Diagnosis> expected = legacy.explainText(sample.text(), sample.source());
            assertThat(current.explainText(sample.text(), sample.source())).as(sample.origin()).isEqualTo(expected);
            assertThat(current.diagnoseText(sample.text(), sample.source())).as(sample.origin())
                    .isEqualTo(legacy.diagnoseText(sample.text(), sample.source()));
            known += expected.getFirst().known() ? 1 : 0;
        }
        assertThat(known).as("the comparison must cover matches, not only misses").isGreaterThan(corpus.size() / 2);
    }

    @Test
    void sameResultsOnEverySampleEvidenceFile() {
        List<Path> files = SampleFiles.under(TestCatalog.resources());
        assertThat(files).isNotEmpty();
        for (Path file : files) {
            List<Evidence> evidence = SampleFiles.evidence(file);
            assertThat(current.explain(evidence)).as(file.toString()).isEqualTo(legacy.explain(evidence));
            assertThat(current.diagnose(evidence)).as(file.toString()).isEqualTo(legacy.diagnose(evidence));
        }
    }

    @Test
    void sameResultsOnGeneratedAdversarialLogs() {
        Random random = new Random(20261206);
        List<String> faults = corpus.stream().flatMap(s -> s.text().lines()).filter(l -> !l.isBlank()).toList();
        int known = 0;
        for (int round = 0; round < 200; round++) {
            String text = AdversarialLog.generate(random, faults, 5 + random.nextInt(60));
            List<Diagnosis> expected = legacy.explainText(text, "gen-" + round);
            assertThat(current.explainText(text, "gen-" + round)).as("round %d:%n%s", round, text)
                    .isEqualTo(expected);
            known += expected.getFirst().known() ? 1 : 0;
        }
        assertThat(known).as("generated logs must trigger patterns").isGreaterThan(100);
    }

    @Test
    void sameResultsOnLongLogsScannedByTheAutomaton() {
        // short texts are scanned needle by needle; from NeedleIndex.AUTOMATON_FROM on by the two-stream automaton
        String everySample = String.join("\n", corpus.stream().map(CorpusSample::text).toList());
        assertThat(everySample.length()).isGreaterThan(2 * NeedleIndex.AUTOMATON_FROM);
        assertThat(current.explainText(everySample, "corpus")).isEqualTo(legacy.explainText(everySample, "corpus"));
        Random random = new Random(99);
        List<String> faults = corpus.stream().flatMap(s -> s.text().lines()).filter(l -> !l.isBlank()).toList();
        for (int round = 0; round < 4; round++) {
            String text = AdversarialLog.generate(random, faults, 1000 + random.nextInt(1000));
            assertThat(text.length()).isGreaterThan(NeedleIndex.AUTOMATON_FROM);
            assertThat(current.explainText(text, "long-" + round)).as("round %d", round)
                    .isEqualTo(legacy.explainText(text, "long-" + round));
        }
    }

    @Test
    void sameResultsOnGeneratedMultiEvidenceRuns() {
        Random random = new Random(11);
        List<String> faults = corpus.stream().flatMap(s -> s.text().lines()).filter(l -> !l.isBlank()).toList();
        Evidence.Kind[] kinds = Evidence.Kind.values();
        for (int round = 0; round < 150; round++) {
            List<Evidence> evidence = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(4); i < n; i++) {
                evidence.add(new Evidence(kinds[random.nextInt(kinds.length)], "src-" + i,
                        AdversarialLog.generate(random, faults, 1 + random.nextInt(30))));
            }
            assertThat(current.explain(evidence)).as("round %d: %s", round, evidence)
                    .isEqualTo(legacy.explain(evidence));
        }
    }

    @Test
    void sameUnknownConclusionWhenNothingMatches() {
        // the "no known pattern" answer carries the last relevant lines (else the last lines) and their source
        String[] vocabulary = {"", "   ", "tick %d", "ERROR odd thing %d", "WARN queue at %d%%", "job %d failed twice",
            "step %d cannot proceed", "INFO all good %d"};
        Random random = new Random(3);
        int unknown = 0;
        for (int round = 0; round < 300; round++) {
            List<Evidence> evidence = new ArrayList<>();
            for (int i = 0, n = random.nextInt(4); i <= n; i++) {
                StringBuilder text = new StringBuilder();
                for (int j = 0, lines = random.nextInt(25); j < lines; j++) {
                    text.append(String.format(vocabulary[random.nextInt(vocabulary.length)], j)).append('\n');
                }
                evidence.add(new Evidence(Evidence.Kind.LOG_FILE, "src-" + i, text.toString()));
            }
            Conclusion expected = legacy.explain(evidence);
            assertThat(current.explain(evidence)).as("round %d: %s", round, evidence).isEqualTo(expected);
            unknown += expected.best().known() ? 0 : 1;
        }
        assertThat(unknown).as("most of these logs match no pattern").isGreaterThan(150);
    }

    @Test
    void sameResultsWhenEveryLineIsACandidate() {
        // every line holds many needles but few complete matches: the gates and the visiting order are stressed
        String needles = String.join(" ", Stream.of("worker", "timeout", "fleet secret", "exited", "runpod",
                "connection refused", "no such file", "denied", "active bundle", "scale to zero").toList());
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            text.append(i % 7 == 0 ? "workers stuck hanging, never getting ready " + i : needles + " " + i)
                    .append(i % 3 == 0 ? "\r\n" : "\n");
        }
        assertThat(current.explainText(text.toString(), "dense"))
                .isEqualTo(legacy.explainText(text.toString(), "dense"));
    }
}
