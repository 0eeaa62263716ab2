package dev.gpuops.runbook.action.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.support.SettableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshActionsTest {

    @TempDir
    Path dir;

    private SshActionFixture fixture;

    @BeforeEach
    void start() {
        fixture = new SshActionFixture(dir);
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void waitSucceedsOnceTheHostAnswers() throws Exception {
        TestStepContext ctx = fixture.ctx();

        StepResult result = new SshWait().execute(ctx, new SshWait.Params(SshAddress.TARGET, 3, Duration.ZERO, null));

        assertThat(result.summary()).contains("is up (attempt 1/3");
        assertThat(result.outputs()).containsEntry("port", String.valueOf(fixture.host.port()));
    }

    @Test
    void waitReportsEachFailedAttemptThenGivesUpRetryably() throws Exception {
        int closed;
        try (var socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var clock = new dev.gpuops.sandbox.support.SettableClock();
        TestStepContext ctx = new TestStepContext(fixture.targetWithoutAddress(), fixture.services(),
                Duration.ofMinutes(5), clock);

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new SshWait().execute(ctx,
                new SshWait.Params(new SshAddress("127.0.0.1", closed, null), 3, Duration.ofSeconds(15), null)));

        assertThat(ctx.progressMessages()).containsExactly("attempt 1/3: connection refused (0s)",
                "attempt 2/3: connection refused (15s)", "attempt 3/3: connection refused (30s)");
        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("still not reachable after 3 attempts over 30s");
        assertThat(clock.totalSlept()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void waitFailsAtOnceOnAChangedHostKey() throws Exception {
        java.nio.file.Files.writeString(dir.resolve("known_hosts"), "[127.0.0.1]:" + fixture.host.port()
                + " ecdsa-sha2-nistp256 AAAAE2VjZHNhLXNoYTItbmlzdHAyNTYAAAAIbmlzdHAyNTYAAABBBEmKSENjQEezOmxkZMy7opKgwFB"
                + "9nkt5YRrYMjNuG5N87uRgg6CLrbo5wAdT/y6v0mKV0U2w0WZ2YB/++Tpockg=\n");
        TestStepContext ctx = fixture.ctx();

        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new SshWait().execute(ctx,
                new SshWait.Params(SshAddress.TARGET, 5, Duration.ofMillis(10), null)));

        assertThat(failure.retryable()).isFalse();
        assertThat(failure).hasMessageContaining("does not match").hasMessageContaining("man in the middle");
        assertThat(ctx.progressMessages()).isEmpty();
    }

    @Test
    void execQuotesEveryArgumentAndRecordsTheOutput() {
        TestStepContext ctx = fixture.ctx();

        StepResult result = new SshExec().execute(ctx, new SshExec.Params(SshAddress.TARGET, "echo",
                List.of("-n", "worker; rm -rf / $(reboot)"), null, false, 0, null, true));

        assertThat(result.outputs()).containsEntry("stdout", "worker; rm -rf / $(reboot)");
        assertThat(fixture.host.commandLog()).contains("echo -n 'worker; rm -rf / $(reboot)'");
        assertThat(ctx.evidence()).extracting(Evidence::kind).containsExactly(Evidence.Kind.COMMAND_OUTPUT);
        assertThat(new SshExec().destructive(new SshExec.Params(SshAddress.TARGET, "ls", null, null, null, null,
                null, true))).isFalse();
    }

    @Test
    void execRunsTheRuntimeRestartScriptInItsDirectory() {
        fixture.host.fail("supervisor-down");

        StepResult result = new SshExec().execute(fixture.ctx(), new SshExec.Params(SshAddress.TARGET,
                "./start_remote.sh", List.of("--restart"), "/workspace", false, 0, null, false));

        assertThat(result.summary()).contains("exited 0");
        assertThat(fixture.host.programState("fastapi")).contains("RUNNING");
    }

    @Test
    void execFailsWithTheOutputWhenTheExitCodeIsUnexpected() {
        StepFailure failure = catchThrowableOfType(StepFailure.class, () -> new SshExec().execute(fixture.ctx(),
                new SshExec.Params(SshAddress.TARGET, "cat", List.of("/var/log/missing.log"), null, false, 0, null,
                        true)));

        assertThat(failure).hasMessageContaining("exited 1").hasMessageContaining("No such file or directory");
    }

    @Test
    void supervisorctlStatusRecordsEvidenceAndPassesWhenExpectedProgramsRun() {
        TestStepContext ctx = fixture.ctx();

        StepResult result = new SshSupervisorctl().execute(ctx, params("status", "all"));

        assertThat(result.summary()).contains("fastapi RUNNING");
        assertThat(ctx.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.SUPERVISOR_STATUS);
            assertThat(e.text()).contains("worker-gpu").contains("STOPPED");
        });
    }

    @Test
    void supervisorctlStatusFailsNamingTheFatalProgram() {
        fixture.host.fail("app-crash");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new SshSupervisorctl().execute(fixture.ctx(), params("status", "all")));

        assertThat(failure).hasMessageContaining("fastapi is FATAL (Exited too quickly");
    }

    @Test
    void supervisorctlRestartGivesANewPid() {
        TestStepContext ctx = fixture.ctx();
        int before = fixture.host.programPid("fastapi").orElseThrow();

        StepResult result = new SshSupervisorctl().execute(ctx, params("restart", "fastapi"));

        assertThat(fixture.host.programPid("fastapi").orElseThrow()).isNotEqualTo(before);
        assertThat(result.summary()).startsWith("restarted fastapi: fastapi RUNNING (pid "
                + fixture.host.programPid("fastapi").orElseThrow());
        assertThat(new SshSupervisorctl().destructive(params("restart", "fastapi"))).isTrue();
        assertThat(new SshSupervisorctl().destructive(params("status", "all"))).isFalse();
    }

    @Test
    void supervisorctlStartFailureAttachesTheProgramLog() {
        fixture.host.fail("app-crash");
        TestStepContext ctx = fixture.ctx();

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new SshSupervisorctl().execute(ctx, params("start", "worker-gpu")));

        assertThat(failure).hasMessageContaining("worker-gpu: ERROR (spawn error)").hasMessageContaining("exit 7");
        assertThat(ctx.evidence()).anySatisfy(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.LOG_FILE);
            assertThat(e.text()).contains("ModuleNotFoundError");
        });
    }

    @Test
    void supervisorctlReportsAnUnreachableDaemonRetryably() {
        fixture.host.fail("supervisor-down");

        StepFailure failure = catchThrowableOfType(StepFailure.class,
                () -> new SshSupervisorctl().execute(fixture.ctx(), params("status", "all")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure).hasMessageContaining("supervisord not reachable")
                .hasMessageContaining("unix:///tmp/supervisor.sock (no such file)");
    }

    @Test
    void supervisorctlTailRecordsTheLogBytes() {
        TestStepContext ctx = fixture.ctx();

        StepResult result = new SshSupervisorctl().execute(ctx, new SshSupervisorctl.Params(SshAddress.TARGET, "tail",
                "fastapi", null, null, null, 64, "stdout", null));

        assertThat(result.summary()).startsWith("64 bytes of fastapi stdout");
        assertThat(ctx.evidence()).singleElement().satisfies(e -> assertThat(e.kind()).isEqualTo(Evidence.Kind.LOG_FILE));
    }

    @Test
    void addressFromAnEarlierStepOverridesTheTarget() {
        TestStepContext ctx = fixture.ctx(fixture.targetWithoutAddress());

        StepResult result = new SshSupervisorctl().execute(ctx, new SshSupervisorctl.Params(
                new SshAddress("127.0.0.1", fixture.host.port(), null), "status", "fastapi", null, null, null, null, null, null));
        StepFailure missing = catchThrowableOfType(StepFailure.class,
                () -> new SshSupervisorctl().execute(fixture.ctx(fixture.targetWithoutAddress()), params("status", "all")));

        assertThat(result.summary()).contains("fastapi RUNNING");
        assertThat(missing).hasMessageContaining("has no ssh.host").hasMessageContaining("${steps.");
    }

    private static SshSupervisorctl.Params params(String op, String program) {
        return new SshSupervisorctl.Params(SshAddress.TARGET, op, program, null, null, null, null, null, null);
    }
}
