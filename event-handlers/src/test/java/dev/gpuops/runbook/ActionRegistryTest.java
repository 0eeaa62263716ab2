package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.runbook.action.StepResult;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ActionRegistryTest {

    private final TestActions actions = new TestActions();
    private final ActionRegistry registry = actions.registry();

    @Test
    void twoActionsWithOneKeyFailAtStartup() {
        TestAction<TestActions.ProgramParams> again = new TestAction<>("test.restart",
                TestActions.ProgramParams.class, false, (c, p) -> StepResult.of("x"));
        List<dev.gpuops.runbook.action.Action<?>> all = new java.util.ArrayList<>(actions.all());
        all.add(again);

        assertThatThrownBy(() -> new ActionRegistry(all)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("two actions claim the key `test.restart`");
    }

    @Test
    void bindsDurationsNumbersAndListsFromRunbookText() {
        TestActions.EchoParams params = registry.binder().bind("test.echo", TestActions.EchoParams.class,
                Map.of("message", "hi", "count", "3", "pause", "1m30s", "items", List.of("a", "b")));

        assertThat(params).isEqualTo(new TestActions.EchoParams("hi", 3, Duration.ofSeconds(90), List.of("a", "b")));
    }

    @Test
    void emptyTextForAnOptionalValueMeansNotGiven() {
        Map<String, Object> with = new HashMap<>();
        with.put("message", "hi");
        with.put("pause", "");
        with.put("count", null);

        TestActions.EchoParams params = registry.binder().bind("test.echo", TestActions.EchoParams.class, with);

        assertThat(params.pause()).isNull();
        assertThat(params.count()).isNull();
    }

    @Test
    void explainsUnknownNamesWrongTypesAndRecordValidation() {
        assertThatThrownBy(() -> registry.binder().bind("test.echo", TestActions.EchoParams.class,
                Map.of("message", "hi", "colour", "red")))
                .isInstanceOf(ParamBindingException.class)
                .hasMessage("unknown parameter `colour` for test.echo; expected one of message, count, pause, items");
        assertThatThrownBy(() -> registry.binder().bind("test.echo", TestActions.EchoParams.class,
                Map.of("message", "hi", "pause", "90")))
                .isInstanceOf(ParamBindingException.class)
                .hasMessageContaining("parameter `pause`").hasMessageContaining("like 90s, 2m");
        assertThatThrownBy(() -> registry.binder().bind("test.echo", TestActions.EchoParams.class,
                Map.of("message", "hi", "count", "-2")))
                .isInstanceOf(ParamBindingException.class)
                .hasMessage("test.echo: count must not be negative");
    }
}
