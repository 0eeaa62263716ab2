package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.event.Verb;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RunbookLoaderTest {

    private static final RunbookLoader LOADER = new RunbookLoader(new TestActions().registry(),
            RunbookSchema.fromClasspath());
    /** The broken directory, loaded once: every parameterised case reads its own file's problems from it. */
    private static final ConfigException BROKEN = catchThrowableOfType(ConfigException.class,
            () -> LOADER.load(fixture("broken")));

    private final RunbookLoader loader = LOADER;

    static Path fixture(String dir) {
        return Fixtures.runbooks(dir);
    }

    @Test
    void loadsTheGoodFixturesAndIgnoresSubdirectoriesAndOtherFiles() {
        List<Runbook> runbooks = loader.load(fixture("good"));

        assertThat(runbooks).extracting(Runbook::name).containsExactly("deploy-lambda", "restart-ssh");
        Runbook restart = runbooks.get(1);
        assertThat(restart.verb()).isEqualTo(Verb.RESTART);
        assertThat(restart.providers()).containsExactly("ssh", "vast");
        assertThat(restart.inputs().get("program").defaultValue()).isEmpty();
        RunbookStep step = restart.steps().getFirst();
        assertThat(step.timeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(step.attempts()).isEqualTo(2);
        assertThat(step.retryDelay()).isEqualTo(Duration.ofSeconds(5));
        assertThat(step.when()).isEqualTo("${inputs.program}");
        assertThat(step.onFailure()).isEqualTo(OnFailure.STOP);
        assertThat(step.line()).isEqualTo(7);
    }

    @Test
    void appliesDefaultsToOptionalStepFields() {
        Runbook deploy = loader.load(fixture("good")).getFirst();

        RunbookStep announce = deploy.steps().getFirst();
        assertThat(announce.timeout()).isEqualTo(RunbookStep.DEFAULT_TIMEOUT);
        assertThat(announce.attempts()).isEqualTo(1);
        assertThat(announce.onFailure()).isEqualTo(OnFailure.STOP);
        assertThat(announce.description()).isEqualTo("Say what is about to happen");
        assertThat(deploy.steps().get(1).onFailure()).isEqualTo(OnFailure.CONTINUE);
        assertThat(deploy.inputs().get("tag").defaultValue()).isEqualTo("canary");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad-yaml.yaml          | 6 |                       | invalid YAML
            schema-violation.yaml  | 8 | steps[0].retries      | unknown field `retries`
            duplicate-step.yaml    | 8 | steps[1].id           | duplicate step id `a`
            unknown-action.yaml    | 6 | steps[0].action       | no action `ssh.teleport` is registered
            undefined-input.yaml   | 10 | steps[0].with.message | ${inputs.tga} is not a declared input
            bad-target-path.yaml   | 8 | steps[0].with.message | `nope` is not a field of a target
            forward-step-ref.yaml  | 8 | steps[0].with.message | which runs later
            bad-duration.yaml      | 8 | steps[0].timeout      | must be a duration like 90s
            unknown-param.yaml     | 9 | steps[0].with.mesage  | unknown parameter `mesage` for test.echo
            other-syntax.yaml      | 9 | steps[0].with.message | is not gpuops syntax
            unbalanced.yaml        | 9 | steps[0].with.message | unbalanced `${`
            wrong-param-type.yaml  | 9 | steps[0].with.count   | expected an integer, not 'lots'
            missing-param.yaml     | 7 | steps[0].with         | missing required parameter `message`
            record-validation.yaml | 7 | steps[0].with         | count must not be negative
            missing-verb.yaml      | 3 | metadata.verb         | missing required field `verb`
            unknown-root.yaml      | 7 | steps[0].with.message | unknown root `HOME`
            """)
    void reportsEachBrokenFileWithFileLineAndField(String file, int line, String field, String message) {
        ConfigException failure = BROKEN;

        List<ConfigProblem> inFile = failure.problems().stream().filter(p -> p.file().equals(file)).toList();
        assertThat(inFile).as("problems of %s", file).isNotEmpty();
        assertThat(inFile).anySatisfy(problem -> {
            assertThat(problem.line()).isEqualTo(line);
            assertThat(problem.field()).isEqualTo(field == null ? "" : field);
            assertThat(problem.message()).contains(message);
        });
        assertThat(failure.getMessage()).contains(file + ":" + line + ": ");
    }

    @Test
    void collectsTheProblemsOfEveryFileNotJustTheFirst() {
        ConfigException failure = BROKEN;

        assertThat(failure.problems()).extracting(ConfigProblem::file).containsOnlyOnce("bad-yaml.yaml")
                .contains("duplicate-step.yaml", "unknown-root.yaml", "wrong-param-type.yaml");
        assertThat(failure.problems().stream().map(ConfigProblem::file).distinct()).hasSize(16);
        assertThat(failure.getMessage()).startsWith(failure.problems().size() + " configuration problems:");
    }

    @Test
    void aSingleFileErrorReadsFileLineFieldMessage() {
        Path file = fixture("broken").resolve("unknown-action.yaml");

        assertThatThrownBy(() -> loader.loadFile(file))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("unknown-action.yaml:6: steps[0].action: no action `ssh.teleport`");
    }

    @Test
    void refusesAMissingDirectory() {
        assertThatThrownBy(() -> loader.load(Path.of("/no/such/runbooks")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("does not exist");
    }
}
