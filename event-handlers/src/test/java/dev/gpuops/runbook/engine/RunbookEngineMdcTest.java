package dev.gpuops.runbook.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.TestActions;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.sandbox.support.SettableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/** Structured logs carry the run id and target: everything a run does on its thread sees them in the MDC. */
class RunbookEngineMdcTest {

    @Test
    void theRunIdAndTargetAreInTheMdcForTheWholeRunAndGoneAfter() {
        List<String> seen = new CopyOnWriteArrayList<>();
        SettableClock clock = new SettableClock();
        RunEventSink sink = event -> seen.add(event.getClass().getSimpleName() + " " + MDC.get("runId") + " "
                + MDC.get("target"));
        RunbookEngine engine = new RunbookEngine(new TestActions().registry(), new Services(), sink,
                failure -> Optional.empty(), clock, clock::sleep);

        engine.run(new RunRequest("r-42", RunbookEngineTest.target("box-1"), null,
                RunbookEngineTest.runbook("order"), Map.of(), RunbookEngineTest.origin(), null), new RunControl());

        assertThat(seen).isNotEmpty().allMatch(line -> line.endsWith(" r-42 box-1"));
        assertThat(seen.getFirst()).startsWith("RunStarted");
        assertThat(seen.getLast()).startsWith("RunFinished");
        assertThat(MDC.get("runId")).isNull();
        assertThat(MDC.get("target")).isNull();
    }
}
