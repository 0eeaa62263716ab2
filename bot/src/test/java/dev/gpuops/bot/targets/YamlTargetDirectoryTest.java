package dev.gpuops.bot.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlTargetDirectoryTest {

    @TempDir
    Path dir;

    @Test
    void readsNamesChannelsProgramsAndGithubSubscriptions() {
        YamlTargetDirectory targets = YamlTargetDirectory.load(Path.of("src/test/resources/targets.yaml"));
        assertThat(targets.all()).extracting(TargetInfo::name).containsExactly("box-1", "box-2", "pod-1");
        TargetInfo box = targets.find("box-1").orElseThrow();
        assertThat(box.provider()).isEqualTo("ssh");
        assertThat(box.channel()).isEqualTo("C0BOX1");
        assertThat(box.programs()).containsExactly("fastapi", "worker-cpu", "worker-gpu");
        assertThat(box.github()).isEqualTo(
                new TargetInfo.GithubWatch("acme/image-server", "Build and Push to GHCR", "main", "canary"));
        assertThat(targets.find("pod-1").orElseThrow().github()).isNull();
        assertThat(targets.find("nope")).isEmpty();
    }

    @Test
    void defaultsTheGithubTagToCanary() throws IOException {
        Path file = write("targets:\n  a:\n    provider: ssh\n    github: {repo: acme/a}\n");
        assertThat(YamlTargetDirectory.load(file).find("a").orElseThrow().github().tag()).isEqualTo("canary");
    }

    @Test
    void failsWithTheFileAndProblemNamed() throws IOException {
        assertThatThrownBy(() -> YamlTargetDirectory.load(dir.resolve("missing.yaml")))
                .hasMessageContaining("missing.yaml").hasMessageContaining("GPUOPS_TARGETS_FILE");
        Path noMap = write("hosts: []\n");
        assertThatThrownBy(() -> YamlTargetDirectory.load(noMap)).hasMessageContaining("no 'targets:' map");
        Path badName = write("targets:\n  'box 1; rm':\n    provider: ssh\n");
        assertThatThrownBy(() -> YamlTargetDirectory.load(badName)).hasMessageContaining("box 1; rm");
        Path badYaml = write("targets: [\n");
        assertThatThrownBy(() -> YamlTargetDirectory.load(badYaml)).hasMessageContaining("not readable YAML");
    }

    private Path write(String yaml) throws IOException {
        Path file = Files.createTempFile(dir, "targets", ".yaml");
        Files.writeString(file, yaml);
        return file;
    }

}
