package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.runbook.BuiltInActions;
import dev.gpuops.runbook.ParamBinder;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.docs.ActionsReference;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/runbooks.md's actions reference is generated from the action classes and must match them. */
class ActionsReferenceTest {

    private static final Path DOC = Path.of("..").resolve(ActionsReference.DEFAULT_DOC);

    @Test
    void committedDocMatchesTheActionClasses() throws IOException {
        List<Action<?>> actions = BuiltInActions.all();
        if (Boolean.getBoolean("gpuops.docs.write")) {
            ActionsReference.write(DOC, actions);
        }
        String committed = Files.readString(DOC);

        assertThat(committed)
                .as("docs/runbooks.md is out of date with the action classes; regenerate it with "
                        + ActionsReference.REGENERATE + " and commit it")
                .isEqualTo(ActionsReference.splice(committed, ActionsReference.render(actions)));
    }

    @Test
    void everyActionAndEveryParameterIsDocumented() {
        String reference = ActionsReference.render(BuiltInActions.all());

        for (Action<?> action : BuiltInActions.all()) {
            assertThat(action.description()).as(action.key()).isNotBlank();
            assertThat(reference).contains("#### `" + action.key() + "`");
            for (RecordComponent param : ParamBinder.components(action.paramsType())) {
                Param doc = param.getAnnotation(Param.class);
                assertThat(doc).as(action.key() + "." + param.getName() + " has no @Param").isNotNull();
                assertThat(doc.value()).as(action.key() + "." + param.getName()).isNotBlank();
                assertThat(reference).contains("| `" + param.getName() + "` |");
            }
        }
    }

    @Test
    void regeneratingReplacesOnlyTheMarkedSection() {
        String doc = "intro\n" + ActionsReference.BEGIN + "\nstale\n" + ActionsReference.END + "\noutro\n";

        String updated = ActionsReference.splice(doc, "fresh\n");

        assertThat(updated).isEqualTo("intro\n" + ActionsReference.BEGIN + "\nfresh\n" + ActionsReference.END
                + "\noutro\n");
        assertThatThrownBy(() -> ActionsReference.splice("no markers", "x"))
                .hasMessageContaining(ActionsReference.BEGIN);
    }
}
