package dev.gpuops.bot.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.diagnosis.EngineFailureAnalyzer;
import dev.gpuops.runbook.engine.FailureAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

class StartupPreloadsTest {

    private static final Path SHIPPED = Path.of("..", "runbooks", "patterns").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    @Test
    void handsTheCatalogLoadedInTheBackgroundToTheBeanThatAsksForTheSameDirectory() {
        StartupPreloads.Loads loads = StartupPreloads.Loads.start(SHIPPED);

        FailureAnalyzer first = loads.failureAnalyzer(SHIPPED);

        assertThat(first).isInstanceOf(EngineFailureAnalyzer.class);
        assertThat(loads.failureAnalyzer(SHIPPED)).as("the preloaded instance, not a second load").isSameAs(first);
    }

    @Test
    void loadsAnotherDirectoryItselfInsteadOfHandingOverTheWrongCatalog() throws Exception {
        Path copy = Files.createDirectories(dir.resolve("patterns"));
        try (var files = Files.list(SHIPPED)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        StartupPreloads.Loads loads = StartupPreloads.Loads.start(SHIPPED);
        FailureAnalyzer preloaded = loads.failureAnalyzer(SHIPPED);

        FailureAnalyzer other = loads.failureAnalyzer(copy);

        assertThat(other).isInstanceOf(EngineFailureAnalyzer.class).isNotSameAs(preloaded);
    }

    @Test
    void aBrokenCatalogFailsTheBeanWithTheSameErrorAsLoadingItDirectly() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("broken"));
        Files.writeString(broken.resolve("bad.yaml"), "patterns:\n  - id: x\n    nonsense: [\n");
        Throwable direct = catchThrowable(() -> EngineFailureAnalyzer.load(broken));
        assertThat(direct).as("the fixture is broken").isNotNull();

        StartupPreloads.Loads loads = StartupPreloads.Loads.start(broken);

        assertThatThrownBy(() -> loads.failureAnalyzer(broken)).isInstanceOf(direct.getClass())
                .hasMessage(direct.getMessage());
    }

    @Test
    void withoutARunbooksDirectoryTheBeanReportsItsOwnError() {
        StartupPreloads.Loads loads = StartupPreloads.Loads.start(null);
        Path missing = dir.resolve("nowhere");

        assertThatThrownBy(() -> loads.failureAnalyzer(missing)).hasMessageContaining("pattern directory not found");
    }

    @Test
    void initializerRegistersOneLoadForTheConfiguredRunbooksDirectory() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of("gpuops.runbooks-dir", SHIPPED.getParent().toString())));
            StartupPreloads initializer = new StartupPreloads();

            initializer.initialize(context);
            Object registered = context.getBeanFactory().getSingleton(StartupPreloads.BEAN);
            initializer.initialize(context);

            assertThat(registered).isInstanceOf(StartupPreloads.Loads.class);
            assertThat(context.getBeanFactory().getSingleton(StartupPreloads.BEAN)).isSameAs(registered);
            assertThat(((StartupPreloads.Loads) registered).failureAnalyzer(SHIPPED))
                    .isSameAs(((StartupPreloads.Loads) registered).failureAnalyzer(SHIPPED));
        }
    }

    private static Throwable catchThrowable(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        return org.assertj.core.api.Assertions.catchThrowable(call);
    }
}
