package dev.gpuops.diagnosis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Evidence.Kind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Lines are cleaned only when a rule looks at them; the needles are found in the raw text. */
class ScanTextTest {

    private final FailureDiagnoser diagnoser = new FailureDiagnoser(TestCatalog.shipped());

    @Test
    void linesAreCleanedWhenReadAndSplitAsBefore() {
        ScanText text = ScanText.of(Kind.CONTAINER_LOGS, "logs",
                "2026-02-08T10:00:00Z worker  | first\r\nsecond\rthird\n\nFeb  8 10:15:30 gpu-box dockerd[912]: last");

        assertThat(text.lineCount()).isEqualTo(5);
        assertThat(List.of(text.line(0), text.line(1), text.line(2), text.line(3), text.line(4)))
                .containsExactly("first", "second", "third", "", "last");
    }

    @Test
    void aNeedleHitMapsToItsRawLine() {
        String raw = "INFO starting\n2026-02-08T10:00:00Z CUDA out of memory. Tried to allocate 2 GiB\nINFO done\n";
        NeedleIndex needles = new NeedleIndex(List.of("out of memory"));

        ScanText text = ScanText.of(null, "cli", raw).index(needles);

        assertThat(text.hits().lines("out of memory")).containsExactly(1);
        assertThat(text.line(1)).isEqualTo("CUDA out of memory. Tried to allocate 2 GiB");
    }

    @Test
    void aNeedleSplitByAnAnsiCodeIsStillFound() {
        String log = "2026-02-08T10:00:00Z torch.OutOfMemoryError: CUDA out of \u001B[1mmemory\u001B[0m."
                + " Tried to allocate 2.00 GiB\n";

        Diagnosis best = diagnoser.best(List.of(new Evidence(Kind.CONTAINER_LOGS, "logs", log))).orElseThrow();

        assertThat(best.patternId()).isEqualTo("cuda-oom");
        assertThat(best.evidenceLines()).singleElement().satisfies(line ->
                assertThat(line).startsWith("torch.OutOfMemoryError: CUDA out of memory.").doesNotContain("\u001B"));
    }

    @Test
    void upperCaseAndNonLatinTextFoldsLikeTheNeedles() {
        String log = "█████ 100% ✓\n[7] CUDA OUT OF MEMORY. Tried to allocate 2 GiB ✗\n";

        Diagnosis best = diagnoser.best(List.of(new Evidence(Kind.CONTAINER_LOGS, "logs", log))).orElseThrow();

        assertThat(best.patternId()).isEqualTo("cuda-oom");
        assertThat(best.evidenceLines()).containsExactly("CUDA OUT OF MEMORY. Tried to allocate 2 GiB ✗");
    }
}
