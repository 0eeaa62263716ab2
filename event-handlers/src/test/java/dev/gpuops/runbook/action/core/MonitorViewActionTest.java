package dev.gpuops.runbook.action.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.MonitorView;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.target.Target;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code monitor.view}: the monitor's line in /gpu status, and its failing checks as a diagnosis' evidence. */
class MonitorViewActionTest {

    private static final Target LAMBDA = new Target("image-server", "lambda", "C0OPS", null, null, null, null, null,
            null, null, new Target.Lambda("image-server-v2", null, null, null), null, null, null, null, Map.of());

    @Test
    void showsWhatTheMonitorSeesAndHandsItToTheDiagnosis() {
        String unknown = "unknown — lambda-status: Lambda API unreachable (timeout) since 16:02 UTC; not alerting"
                + " (state healthy)";
        MonitorView view = target -> target.equals("image-server") ? unknown : "not monitored";
        TestStepContext ctx = new TestStepContext(LAMBDA, new Services().register(MonitorView.class, view));

        StepResult result = new MonitorViewAction().execute(ctx, new MonitorViewAction.Params());

        assertThat(result.summary()).isEqualTo("monitor: " + unknown);
        assertThat(result.outputs()).containsEntry("monitor", unknown);
        assertThat(ctx.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.COMMAND_OUTPUT);
            assertThat(e.text()).isEqualTo(unknown);
        });
    }

    @Test
    void aProcessWithoutTheMonitorSaysSoAndNeverFails() {
        TestStepContext ctx = new TestStepContext(LAMBDA, new Services());

        StepResult result = new MonitorViewAction().execute(ctx, new MonitorViewAction.Params());

        assertThat(result.summary()).isEqualTo("monitor: not running in this process");
        assertThat(ctx.evidence()).isEmpty();
    }
}
