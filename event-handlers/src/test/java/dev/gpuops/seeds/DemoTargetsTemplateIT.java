package dev.gpuops.seeds;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.Verb;
import dev.gpuops.runbook.RunbookCatalog;
import dev.gpuops.sandbox.SandboxFleet;
import dev.gpuops.target.Target;
import dev.gpuops.target.Targets;
import dev.gpuops.target.TargetsLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped demo targets template, rendered by the bot's SandboxFleet, loads and selects a runbook per verb. */
class DemoTargetsTemplateIT {

    @Test
    void sandboxFleetFillsEveryPlaceholderAndTheResultLoads(@TempDir Path dir) throws IOException {
        try (SandboxFleet fleet = SandboxFleet.start(dir.resolve("fleet"))) {
            Path targetsFile = dir.resolve("demo-targets.yaml");
            Files.writeString(targetsFile, fleet.render(Files.readString(ShippedRunbooksTest.TEMPLATE)));

            Targets targets = new TargetsLoader().load(targetsFile);
            RunbookCatalog catalog = RunbookCatalog.create(ShippedRunbooksTest.loadShipped(), targets);

            assertThat(Files.readAllLines(targetsFile)).filteredOn(line -> !line.strip().startsWith("#"))
                    .noneMatch(line -> line.contains("${sandbox."));
            for (Target target : targets.all()) {
                assertThat(catalog.select(Verb.STATUS, target).appliesTo(target.provider())).isTrue();
            }
            assertThat(targets.find("huihuang").orElseThrow().vast().instanceId())
                    .isEqualTo(Long.parseLong(fleet.placeholders().get("vast.instanceId")));
        }
    }
}
