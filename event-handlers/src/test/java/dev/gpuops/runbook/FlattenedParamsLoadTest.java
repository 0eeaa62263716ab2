package dev.gpuops.runbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.ssh.SshExec;
import dev.gpuops.target.ConfigException;
import dev.gpuops.target.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Load-time checks of a runbook see the SSH address flat, exactly as the YAML writes it. */
class FlattenedParamsLoadTest {

    private static final String HEADER = """
            apiVersion: gpuops/v1
            kind: Runbook
            metadata: { name: probe, verb: status, providers: [ssh] }
            steps:
              - id: a
                action: ssh.exec
                with:
            """;

    private final RunbookLoader loader = new RunbookLoader(BuiltInActions.registry(), RunbookSchema.fromClasspath());

    @Test
    void flatHostPortUserLoadAndBind(@TempDir Path dir) throws IOException {
        write(dir, "      host: 10.0.0.7\n      port: 2222\n      user: ubuntu\n      command: /usr/bin/nvidia-smi\n");

        Runbook runbook = loader.load(dir).getFirst();

        SshExec.Params params = BuiltInActions.registry().binder().bind("ssh.exec", SshExec.Params.class,
                runbook.steps().getFirst().with());
        assertThat(params.ssh()).isEqualTo(new SshAddress("10.0.0.7", 2222, "ubuntu"));
    }

    @Test
    void aWrongPortAndATypoAreReportedAtTheirFlatField(@TempDir Path dir) throws IOException {
        write(dir, "      port: twenty-two\n      hots: 10.0.0.7\n      command: /bin/true\n");

        List<ConfigProblem> problems = catchThrowableOfType(ConfigException.class, () -> loader.load(dir)).problems();

        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("steps[0].with.port");
            assertThat(p.line()).isEqualTo(8);
            assertThat(p.message()).contains("expected an integer, not 'twenty-two'");
        });
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.field()).isEqualTo("steps[0].with.hots");
            assertThat(p.message()).startsWith("unknown parameter `hots` for ssh.exec; expected one of host, port,"
                    + " user, command,");
        });
    }

    private static void write(Path dir, String with) throws IOException {
        Files.writeString(dir.resolve("probe.yaml"), HEADER + with);
    }
}
