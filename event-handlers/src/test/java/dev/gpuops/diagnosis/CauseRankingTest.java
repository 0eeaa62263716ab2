package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Evidence.Kind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cause over symptom is a rule of the ranking, not a matter of weights: the catalog below gives the symptom the
 * strongest weights on purpose, and the cause still wins.
 */
class CauseRankingTest {

    private static final String CATALOG = """
            apiVersion: gpuops/v1
            kind: FailurePatterns
            patterns:
              - id: crashed
                title: Application crashed
                specificity: 1
                where: [container-logs]
                match:
                  any:
                    - regex: 'Application startup failed'
                      weight: 1.0
                    - regex: 'Traceback \\(most recent'
                      weight: 1.0
                meaning: The application process died.
                fix: Read the traceback.
              - id: missing-module
                title: Python package missing
                specificity: 3
                where: [container-logs]
                match:
                  any:
                    - regex: 'No module named'
                      weight: 0.4
                meaning: A package is missing from the image.
                fix: Add it to the requirements.
              - id: pull-failed
                title: Image pull failed
                specificity: 3
                where: [container-logs]
                match:
                  any:
                    - regex: 'failed to register layer'
                      weight: 0.95
                meaning: The image could not be pulled.
                fix: Check the registry.
              - id: disk-full
                title: Disk full
                specificity: 4
                supersedes: [pull-failed]
                where: [container-logs]
                match:
                  any:
                    - regex: 'no space left on device'
                      weight: 0.4
                meaning: The disk is full.
                fix: Free space.
              - id: rate-limited
                title: Rate limited
                specificity: 3
                where: [container-logs]
                match:
                  any:
                    - regex: 'Too Many Requests'
                      weight: 0.9
                meaning: The registry throttles pulls.
                fix: Log in or wait.
            """;

    private static FailureDiagnoser diagnoser;

    @BeforeAll
    static void load(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("patterns"));
        Files.writeString(dir.resolve("patterns").resolve("test.yaml"), CATALOG);
        Path schema = Files.createDirectories(dir.resolve("schema"));
        Files.copy(TestCatalog.shippedDir().resolve("..").resolve("schema").resolve("pattern.schema.json"),
                schema.resolve("pattern.schema.json"));
        diagnoser = new FailureDiagnoser(PatternCatalog.load(dir.resolve("patterns")));
    }

    private static List<Evidence> logs(String text) {
        return List.of(new Evidence(Kind.CONTAINER_LOGS, "docker logs app", text));
    }

    @Test
    void aWeakCauseOutranksAStrongSymptom() {
        Conclusion conclusion = diagnoser.explain(logs("""
                Traceback (most recent call last):
                ModuleNotFoundError: No module named 'vector_quantize_pytorch'
                ERROR:    Application startup failed. Exiting.
                """));

        assertThat(diagnoser.diagnose(logs("Traceback (most recent call last):\nNo module named 'x'\n")))
                .extracting(Diagnosis::patternId).containsExactly("missing-module", "crashed");
        assertThat(conclusion.best().patternId()).isEqualTo("missing-module");
        assertThat(conclusion.best().confidence()).isLessThan(0.5);
        assertThat(conclusion.alsoPossible()).as("the crash is explained by the cause, not an alternative").isEmpty();
    }

    @Test
    void withoutACauseTheSymptomIsTheDiagnosis() {
        assertThat(diagnoser.conclude(logs("ERROR:    Application startup failed. Exiting.")).patternId())
                .isEqualTo("crashed");
    }

    @Test
    void aPatternRanksAboveThePatternItSupersedesWhateverTheConfidence() {
        List<Diagnosis> ranked = diagnoser.diagnose(logs(
                "failed to register layer: write /usr/lib/libtorch.so: no space left on device"));

        assertThat(ranked).extracting(Diagnosis::patternId).containsExactly("disk-full", "pull-failed");
        assertThat(ranked.get(0).confidence()).isLessThan(ranked.get(1).confidence());
    }

    @Test
    void aCloseRunnerUpIsNamedAsAlsoPossible() {
        Conclusion conclusion = diagnoser.explain(logs("""
                failed to register layer: unexpected EOF
                429 Too Many Requests
                """));

        assertThat(conclusion.best().patternId()).isEqualTo("pull-failed");
        assertThat(conclusion.alsoPossible()).extracting(Diagnosis::patternId).containsExactly("rate-limited");
    }

    @Test
    void aDistantRunnerUpIsNotNamed() {
        Conclusion conclusion = diagnoser.explain(logs("""
                failed to register layer: unexpected EOF
                No module named 'x'
                """));

        assertThat(conclusion.best().patternId()).isEqualTo("pull-failed");
        assertThat(conclusion.alsoPossible()).isEmpty();
    }
}
