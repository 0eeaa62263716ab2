package dev.gpuops.runbook.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.runbook.action.runpod.RunPodPurgeQueue;
import org.junit.jupiter.api.Test;

class ActionDeclarationTest {

    @Test
    void anActionIsDescribedByItsOneDeclaration() {
        RunPodPurgeQueue purge = new RunPodPurgeQueue();

        assertThat(purge.key()).isEqualTo("runpod.purge_queue");
        assertThat(purge.paramsType()).isEqualTo(RunPodPurgeQueue.Params.class);
        assertThat(purge.description()).startsWith("Remove all queued");
        assertThat(purge.idempotent()).isTrue();
        assertThat(purge.destructive()).isTrue();
        assertThat(purge.destructive(new RunPodPurgeQueue.Params())).isTrue();
    }

    @Test
    void theParametersTypeIsFoundThroughASuperclass() {
        assertThat(new Inherited().paramsType()).isEqualTo(Declared.Params.class);
        assertThat(new Inherited().key()).isEqualTo("test.inherited");
    }

    @Test
    void anUndeclaredActionFailsNamingWhatToWrite() {
        assertThatThrownBy(() -> new Undeclared().key())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(Undeclared.class.getName())
                .hasMessageContaining("has no @RunbookAction")
                .hasMessageContaining("key, description, idempotent and destructive");
    }

    @RunbookAction(key = "test.declared", idempotent = false, destructive = false, description = "declared")
    static class Declared implements Action<Declared.Params> {

        record Params(String host) {
        }

        @Override
        public StepResult execute(StepContext context, Params params) {
            return StepResult.of("done");
        }
    }

    @RunbookAction(key = "test.inherited", idempotent = true, destructive = false, description = "inherited")
    static final class Inherited extends Declared {
    }

    static final class Undeclared implements Action<Declared.Params> {

        @Override
        public StepResult execute(StepContext context, Declared.Params params) {
            return StepResult.of("done");
        }
    }
}
