package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The same Supervisorctl client code as the real-daemon ITs, against the sandbox host, including its faults. */
class SandboxSupervisorctlTest {

    @TempDir
    Path dir;

    private SandboxHostFixture fixture;
    private Supervisorctl ctl;

    @BeforeEach
    void start() {
        fixture = new SandboxHostFixture(dir);
        ctl = new Supervisorctl(fixture.session, fixture.host.supervisorSocketUrl());
    }

    @AfterEach
    void stop() {
        fixture.close();
    }

    @Test
    void statusShowsTheAutostartedProgramRunningAndTheOnDemandWorkersStopped() {
        StatusReport report = (StatusReport) ctl.status();

        assertThat(report.program("fastapi").orElseThrow().state()).isEqualTo(ProgramState.RUNNING);
        assertThat(report.program("fastapi").orElseThrow().pid()).isPresent();
        assertThat(report.program("worker-gpu").orElseThrow().description()).isEqualTo("Not started");
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.output()).contains("fastapi                          RUNNING   pid ");
    }

    @Test
    void restartChangesThePidAndStartOfARunningProgramIsAlreadyStarted() {
        int before = fixture.host.programPid("fastapi").orElseThrow();

        ControlReport restart = (ControlReport) ctl.restart("fastapi");
        ControlReport again = (ControlReport) ctl.start("fastapi");

        assertThat(restart.ok()).isTrue();
        assertThat(fixture.host.programPid("fastapi").orElseThrow()).isNotEqualTo(before);
        assertThat(again.changes()).extracting(ProgramChange::outcome)
                .containsExactly(ProgramChange.Outcome.ALREADY_STARTED);
        assertThat(again.exitCode()).isZero();
    }

    @Test
    void unknownProgramExitCodesMatchTheRealSupervisorctl() {
        StatusReport status = (StatusReport) ctl.status(List.of("nosuch"));
        ControlReport restart = (ControlReport) ctl.restart("nosuch");

        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.unknownNames()).containsExactly("nosuch");
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.changes()).hasSize(2);
    }

    @Test
    void tailReturnsTheLastBytesOfTheLog() {
        LogTail tail = (LogTail) ctl.tail("fastapi", 30, LogChannel.STDOUT);

        assertThat(tail.text()).hasSize(30).endsWith("(Press CTRL+C to quit)\n");
        assertThat(((LogTail) ctl.tail("fastapi", 100, LogChannel.STDERR)).error()).contains("no log file");
    }

    @Test
    void supervisorDownIsUnreachableUntilHealed() {
        fixture.host.fail("supervisor-down");

        assertThat(ctl.status()).isInstanceOfSatisfying(SupervisorUnreachable.class, u -> {
            assertThat(u.reason()).isEqualTo("no such file");
            assertThat(u.exitCode()).isEqualTo(4);
        });
        assertThat(ctl.restart("fastapi")).isInstanceOfSatisfying(SupervisorUnreachable.class,
                u -> assertThat(u.exitCode()).isEqualTo(7));

        fixture.host.heal();
        assertThat(ctl.status()).isInstanceOf(StatusReport.class);
    }

    @Test
    void theRuntimeRestartScriptBringsSupervisordBack() {
        fixture.host.fail("supervisor-down");

        ExecResult restart = fixture.session.exec("cd /workspace && ./start_remote.sh --restart");

        assertThat(restart.exitCode()).isZero();
        assertThat(ctl.status()).isInstanceOfSatisfying(StatusReport.class,
                r -> assertThat(r.program("fastapi").orElseThrow().running()).isTrue());
    }

    @Test
    void appCrashMakesProgramsFatalAndStartsFailWithSpawnErrorUntilHealed() {
        fixture.host.fail("app-crash");

        StatusReport status = (StatusReport) ctl.status(List.of("fastapi"));
        ControlReport start = (ControlReport) ctl.start("worker-gpu");
        LogTail log = (LogTail) ctl.tail("fastapi", 1600, LogChannel.STDOUT);

        assertThat(status.program("fastapi").orElseThrow().state()).isEqualTo(ProgramState.FATAL);
        assertThat(status.program("fastapi").orElseThrow().description())
                .isEqualTo("Exited too quickly (process log may have details)");
        assertThat(start.exitCode()).isEqualTo(7);
        assertThat(start.failures()).extracting(ProgramChange::outcome)
                .containsExactly(ProgramChange.Outcome.SPAWN_ERROR);
        assertThat(log.text()).contains("ModuleNotFoundError");

        fixture.host.heal();
        assertThat(((ControlReport) ctl.start("fastapi")).ok()).isTrue();
    }
}
