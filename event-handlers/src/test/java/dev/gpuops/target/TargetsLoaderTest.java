package dev.gpuops.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import dev.gpuops.runbook.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TargetsLoaderTest {

    private final TargetsLoader loader = new TargetsLoader();

    static Path fixture(String name) {
        return Fixtures.targets(name);
    }

    @Test
    void loadsOneTargetPerProviderWithTheirSections() {
        Targets targets = loader.load(fixture("targets.yaml"));

        assertThat(targets.names()).containsExactly("box-1", "image-server", "sophia", "huihuang", "comfy-fleet");
        Target box = targets.find("box-1").orElseThrow();
        assertThat(box.name()).isEqualTo("box-1");
        assertThat(box.ssh().host()).isEqualTo("10.0.0.5");
        assertThat(box.ssh().portOrDefault()).isEqualTo(2222);
        assertThat(box.supervisor().programs()).containsExactly("fastapi", "worker-cpu", "worker-gpu");
        assertThat(box.supervisor().logs()).containsEntry("worker-gpu", "/var/log/worker-gpu.log");
        assertThat(box.health().initialDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(box.health().timeout()).isEqualTo(Duration.ofSeconds(300));
        assertThat(box.health().expectBody()).isEqualTo("\"ok\"");
        assertThat(box.github().tag()).isEqualTo("canary");
        assertThat(box.runbookOverride("restart")).contains("restart-ssh");
        assertThat(box.production()).isFalse();
    }

    @Test
    void readsCloudSectionsIsoDurationsAndDefaults() {
        Targets targets = loader.load(fixture("targets.yaml"));

        Target image = targets.find("image-server").orElseThrow();
        assertThat(image.production()).isTrue();
        assertThat(image.lambda().instanceType()).isEqualTo("gpu_1x_a10");
        assertThat(image.container().port()).isEqualTo(8000);
        assertThat(image.container().gpus()).isEqualTo("all");
        assertThat(image.container().secretEnv()).containsExactly("HF_TOKEN");
        assertThat(image.health().initialDelay()).isEqualTo(Duration.ofMinutes(2));
        assertThat(targets.find("sophia").orElseThrow().runpod().initTimeoutOrDefault()).isEqualTo(900);
        assertThat(targets.find("huihuang").orElseThrow().vast().instanceId()).isEqualTo(123456L);
        assertThat(targets.find("huihuang").orElseThrow().runtime().queues()).hasSize(2);
        assertThat(targets.find("comfy-fleet").orElseThrow().health().initialDelay()).isZero();
        assertThat(targets.lineOf("targets.box-1.runbooks.restart")).isEqualTo(15);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-port.yaml         | 7 | targets.box-1.ssh.port          | expected an integer, not 'twenty-two'
            unknown-key.yaml      | 5 | targets.box-1.healthcheck       | unknown key; expected one of provider, channel
            bad-duration.yaml     | 7 | targets.box-1.health.initialDelay | expected a duration like 90s, 2m, 1h30m or PT5M, not '2 minutes'
            unknown-provider.yaml | 3 | targets.box-1.provider          | unknown provider 'gcp'; expected one of aws-asg, lambda, runpod, ssh, vast
            missing-host.yaml     | 4 | targets.box-1.ssh.host          | required for provider ssh targets
            missing-section.yaml  | 2 | targets.sophia.runpod.endpointId | required for provider runpod targets
            bad-name.yaml         | 2 | targets.Box_1                   | bad target name 'Box_1'
            bad-environment.yaml  | 4 | targets.box-1.environment       | environment must be staging or production, not 'prod'
            bad-override.yaml     | 6 | targets.box-1.runbooks.reboot   | not a verb; expected one of deploy, promote
            no-targets.yaml       | 1 | target                          | unknown top-level key
            missing-environment.yaml | 2 | targets.box-1.environment    | required; set `environment: staging` or `environment: production`
            own-secret-env.yaml   | 7 | targets.box-1.container.secretEnv | SLACK_BOT_TOKEN is one of gpuops
            """)
    void reportsFileLineAndField(String file, int line, String field, String message) {
        ConfigException failure = catchThrowableOfType(ConfigException.class, () -> loader.load(fixture(file)));

        assertThat(failure.problems()).first().satisfies(problem -> {
            assertThat(problem.file()).isEqualTo(file);
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(message);
        });
        assertThat(failure.getMessage()).startsWith(file + ":" + line + ": " + field + ": ");
    }

    @Test
    void collectsEveryProblemOfTheFile() {
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> loader.load(fixture("several.yaml")));

        assertThat(failure.problems()).extracting(ConfigProblem::toString).containsExactly(
                "several.yaml:4: targets.box-1.ssh.port: expected an integer, not 'x'",
                "several.yaml:6: targets.box-2.vast.instanceId: required for provider vast targets",
                "several.yaml:12: targets.box-3.supervisor.programs: expected a list, found a value");
    }

    @Test
    void anEmptyOrShapelessFileSaysWhatItShouldHold(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("targets.yaml"), "# nothing yet\n");
        Path scalar = Files.writeString(dir.resolve("other.yaml"), "just text\n");

        assertThatThrownBy(() -> loader.load(empty)).isInstanceOf(ConfigException.class)
                .hasMessage("targets.yaml: the file is empty; expected a top-level `targets:` mapping");
        assertThatThrownBy(() -> loader.load(scalar)).isInstanceOf(ConfigException.class)
                .hasMessage("other.yaml:1: expected a top-level `targets:` mapping, found a value");
    }

    @Test
    void whatTheBinderAcceptsIsCheckedAgainstThePublishedSchemaWithItsLine() {
        ConfigException failure = catchThrowableOfType(ConfigException.class,
                () -> loader.load(fixture("schema-env-number.yaml")));

        assertThat(failure).as("targets.schema.json: container env values are strings").isNotNull();
        assertThat(failure.problems()).extracting(ConfigProblem::toString).containsExactly(
                "schema-env-number.yaml:11: targets.image-server.container.env.WORKERS: integer found, string expected");
    }

    @Test
    void withoutTheSchemaTheBinderAloneDecides() {
        Targets targets = new TargetsLoader(null).load(fixture("schema-env-number.yaml"));

        assertThat(targets.find("image-server").orElseThrow().container().env()).containsEntry("WORKERS", "4");
    }
}
