package dev.gpuops.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxFleetTest {

    @TempDir
    static Path dir;
    static SandboxFleet fleet;

    @BeforeAll
    static void start() {
        fleet = SandboxFleet.start(dir);
    }

    @AfterAll
    static void stop() {
        fleet.close();
    }

    @Test
    void rendersEveryPlaceholderOfTheSeedSystems() throws Exception {
        String rendered = fleet.render("port: ${sandbox.ssh.box-1.port}\nkh: ${sandbox.keys.knownHosts}\n"
                + "endpoint: ${sandbox.runpod.endpointId}\nvast: ${sandbox.vast.instanceId}\n");
        assertThat(rendered).doesNotContain("${").contains("port: " + fleet.host("box-1").port());
        Path knownHosts = Path.of(fleet.placeholders().get("keys.knownHosts"));
        assertThat(Files.readAllLines(knownHosts)).hasSize(3)
                .anySatisfy(line -> assertThat(line).contains(String.valueOf(fleet.host("huihuang").port())));
    }

    @Test
    void unknownPlaceholderNamesTheKnownOnes() {
        assertThatThrownBy(() -> fleet.render("x: ${sandbox.nope}"))
                .hasMessageContaining("unknown placeholder ${sandbox.nope}")
                .hasMessageContaining("sandbox.ssh.box-1.port");
    }

    @Test
    void faultsAreRoutedToTheSimulatorOfTheTarget() {
        fleet.fail("box-1", "app-crash");
        assertThat(fleet.host("box-1").faults()).extracting(Object::toString).isNotEmpty();
        fleet.heal("box-1");
        assertThat(fleet.host("box-1").faults()).isEmpty();
        assertThatThrownBy(() -> fleet.fail("nope", "app-crash")).hasMessageContaining("sandbox targets: box-1");
    }

    @Test
    void secretsAreServedByRegistryHostConvention() {
        String host = fleet.registry().host();
        String variable = host.toUpperCase().replaceAll("[^A-Z0-9]", "_") + "_TOKEN";
        assertThat(fleet.secrets()).containsKey(variable).containsKey("HF_TOKEN");
        assertThat(fleet.placeholders().values()).doesNotContain(fleet.secrets().get(variable));
    }
}
