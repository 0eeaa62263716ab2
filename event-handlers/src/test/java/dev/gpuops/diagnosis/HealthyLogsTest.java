package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Healthy output and harmless warnings must match no pattern at all: a false diagnosis at 3 a.m. costs hours. */
class HealthyLogsTest {

    private final FailureDiagnoser diagnoser = new FailureDiagnoser(TestCatalog.shipped());

    static Stream<Path> healthy() {
        return SampleFiles.under(TestCatalog.resources().resolve("healthy")).stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthy")
    void matchesNothingAsTypedEvidence(Path file) {
        assertThat(diagnoser.diagnose(SampleFiles.evidence(file))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("healthy")
    void matchesNothingAsFreeText(Path file) {
        assertThat(diagnoser.diagnoseText(SampleFiles.freeText(file), file.toString())).isEmpty();
    }
}
