package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.event.Verb;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookCatalogTest {

    private static final List<Runbook> GOOD = new RunbookLoader(new TestActions().registry(),
            RunbookSchema.fromClasspath()).load(Fixtures.runbooks("good"));
    private final Targets targets = new TargetsLoader().load(Fixtures.targets("targets.yaml"));
    private final RunbookCatalog catalog = RunbookCatalog.create(GOOD, targets);

    @Test
    void selectsByVerbAndProvider() {
        Target vast = targets.find("huihuang").orElseThrow();

        assertThat(catalog.select(Verb.RESTART, vast).name()).isEqualTo("restart-ssh");
        assertThat(catalog.select(Verb.DEPLOY, targets.find("image-server").orElseThrow()).name())
                .isEqualTo("deploy-lambda");
    }

    @Test
    void saysWhichProvidersAVerbAppliesToWhenNoneFits() {
        Target sophia = targets.find("sophia").orElseThrow();

        assertThatThrownBy(() -> catalog.select(Verb.RESTART, sophia)).isInstanceOf(NoRunbookException.class)
                .hasMessage("no runbook for `restart` on provider runpod: restart applies to ssh, vast targets");
        assertThatThrownBy(() -> catalog.select(Verb.PURGE, sophia)).isInstanceOf(NoRunbookException.class)
                .hasMessageContaining("no runbook for `purge` exists");
    }

    @Test
    void aTargetOverrideWinsOverTheProviderDefault() {
        List<Runbook> runbooks = new ArrayList<>(GOOD);
        Runbook base = GOOD.get(1);
        runbooks.add(new Runbook("restart-gentle", Verb.RESTART, List.of("lambda"), "", base.inputs(), base.steps(),
                "restart-gentle.yaml"));
        Target box = targets.find("box-1").orElseThrow();
        Target custom = new Target("box-9", "ssh", null, null, null, box.ssh(), null, null, null, null, null,
                null, null, null, null, Map.of("restart", "restart-gentle"));

        RunbookCatalog withOverride = RunbookCatalog.create(runbooks, Targets.of(custom));

        assertThat(withOverride.select(Verb.RESTART, custom).name()).isEqualTo("restart-gentle");
    }

    @Test
    void anOverrideNamingNoRunbookFailsAtStartupWithItsLine() {
        Target box = targets.find("box-1").orElseThrow();
        Targets justBox = new Targets(targets.source(), Map.of("box-1", box),
                Map.of("targets.box-1.runbooks.restart", 15));

        assertThatThrownBy(() -> RunbookCatalog.create(List.of(GOOD.getFirst()), justBox))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("targets.yaml:15: targets.box-1.runbooks.restart: no runbook named "
                        + "`restart-ssh`");
    }

    @Test
    void twoRunbooksForOneVerbAndProviderAreAmbiguous() {
        List<Runbook> runbooks = new ArrayList<>(GOOD);
        Runbook base = GOOD.get(1);
        runbooks.add(new Runbook("restart-other", Verb.RESTART, List.of("vast"), "", base.inputs(), base.steps(),
                "restart-other.yaml"));

        assertThatThrownBy(() -> RunbookCatalog.create(runbooks, targets))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("targets.huihuang: runbooks restart-ssh (restart-ssh.yaml), restart-other "
                        + "(restart-other.yaml) all handle `restart` on provider vast");
    }
}
