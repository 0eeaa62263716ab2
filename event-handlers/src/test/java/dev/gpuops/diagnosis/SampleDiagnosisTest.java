package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sample under samples/<pattern-id>/ must be diagnosed as that pattern, ranked first. */
class SampleDiagnosisTest {

    private static final Path SAMPLES = TestCatalog.resources().resolve("samples");
    private final FailureDiagnoser diagnoser = new FailureDiagnoser(TestCatalog.shipped());

    static Stream<Arguments> samples() {
        return SampleFiles.under(SAMPLES).stream().map(file -> Arguments.of(
                file.getParent().getFileName() + "/" + file.getFileName(), file.getParent().getFileName().toString(),
                file));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void ranksTheSamplesPatternFirst(String name, String expected, Path file) {
        List<Diagnosis> ranked = diagnoser.diagnose(SampleFiles.evidence(file));

        assertThat(ranked).as("nothing matched %s", name).isNotEmpty();
        assertThat(ranked.getFirst().patternId()).as(describe(ranked)).isEqualTo(expected);
        assertThat(ranked.getFirst().evidenceLines()).isNotEmpty();
        assertThat(ranked.getFirst().confidence()).isBetween(FailureDiagnoser.MIN_CONFIDENCE, 0.99);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void ranksTheSamplesPatternFirstAsFreeText(String name, String expected, Path file) {
        List<Diagnosis> ranked = diagnoser.diagnoseText(SampleFiles.freeText(file), name);

        assertThat(ranked).as("nothing matched %s", name).isNotEmpty();
        assertThat(ranked.getFirst().patternId()).as(describe(ranked)).isEqualTo(expected);
    }

    @Test
    void everyPatternHasSeveralSamplesAndNoSampleNamesAnUnknownPattern() {
        Map<String, Long> perPattern = SampleFiles.under(SAMPLES).stream()
                .collect(Collectors.groupingBy(f -> f.getParent().getFileName().toString(), Collectors.counting()));
        List<String> ids = TestCatalog.shipped().patterns().stream().map(FailurePattern::id).toList();

        assertThat(ids).allSatisfy(id -> assertThat(perPattern.getOrDefault(id, 0L)).as(id).isGreaterThanOrEqualTo(3));
        assertThat(ids).containsAll(perPattern.keySet());
    }

    private static String describe(List<Diagnosis> ranked) {
        return ranked.stream().map(d -> d.patternId() + "=" + d.confidence() + " " + d.evidenceLines())
                .collect(Collectors.joining("\n  ", "ranking:\n  ", ""));
    }
}
