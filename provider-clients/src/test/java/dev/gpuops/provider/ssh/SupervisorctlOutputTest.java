package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Output recorded from supervisorctl 4.2.5 on Debian 12. */
class SupervisorctlOutputTest {

    private static ExecResult result(int exit, String stdout) {
        return new ExecResult(exit, stdout, "", false, false, Duration.ofMillis(5), "supervisorctl status");
    }

    @Test
    void parsesEveryStateAndDescription() {
        StatusReport report = SupervisorctlOutput.status(result(3, """
                crashy                           FATAL     Exited too quickly (process log may have details)
                fastapi                          RUNNING   pid 11811, uptime 0:00:03
                llama                            RUNNING   pid 12, uptime 2 days, 3:04:05
                worker-cpu                       STOPPED   Nov 23 07:12 PM
                worker-gpu                       STOPPED   Not started
                web                              BACKOFF   Exited too quickly (process log may have details)
                workers:worker-0                 STARTING  \n"""));

        assertThat(report.programs()).hasSize(7);
        assertThat(report.program("fastapi").orElseThrow().pid()).hasValue(11811);
        assertThat(report.program("fastapi").orElseThrow().uptime()).contains(Duration.ofSeconds(3));
        assertThat(report.program("llama").orElseThrow().uptime())
                .contains(Duration.ofDays(2).plusHours(3).plusMinutes(4).plusSeconds(5));
        assertThat(report.program("crashy").orElseThrow().state()).isEqualTo(ProgramState.FATAL);
        assertThat(report.program("worker-cpu").orElseThrow().description()).isEqualTo("Nov 23 07:12 PM");
        assertThat(report.program("worker-cpu").orElseThrow().pid()).isEmpty();
        assertThat(report.program("workers:worker-0").orElseThrow().state()).isEqualTo(ProgramState.STARTING);
        assertThat(report.allRunning()).isFalse();
        assertThat(report.notRunning(java.util.List.of("fastapi", "crashy", "ghost"))).containsExactly("crashy", "ghost");
    }

    @Test
    void recognisesUnknownNamesMixedWithStatusLines() {
        StatusReport report = SupervisorctlOutput.status(result(4, """
                nosuch: ERROR (no such process)
                fastapi                          RUNNING   pid 11774, uptime 0:00:02
                """));

        assertThat(report.unknownNames()).containsExactly("nosuch");
        assertThat(report.programs()).extracting(ProgramStatus::name).containsExactly("fastapi");
    }

    @Test
    void parsesRestartAllWithASpawnError() {
        ControlReport report = SupervisorctlOutput.control(ControlReport.Op.RESTART, result(7, """
                fastapi: stopped
                crashy: ERROR (spawn error)
                fastapi: started
                worker-cpu: started
                """));

        assertThat(report.changes()).extracting(ProgramChange::outcome).containsExactly(
                ProgramChange.Outcome.STOPPED, ProgramChange.Outcome.SPAWN_ERROR, ProgramChange.Outcome.STARTED,
                ProgramChange.Outcome.STARTED);
        assertThat(report.ok()).isFalse();
        assertThat(report.failures()).extracting(ProgramChange::program).containsExactly("crashy");
    }

    @Test
    void alreadyStartedAndNotRunningAreNotFailures() {
        ControlReport report = SupervisorctlOutput.control(ControlReport.Op.START,
                result(0, "worker-cpu: ERROR (already started)\n"));

        assertThat(report.ok()).isTrue();
        assertThat(report.changes().get(0).outcome()).isEqualTo(ProgramChange.Outcome.ALREADY_STARTED);
    }

    @Test
    void detectsEachWayTheDaemonCanBeUnreachable() {
        assertThat(SupervisorctlOutput.unreachable("h", "unix:///tmp/supervisor.sock",
                result(4, "unix:///tmp/supervisor.sock no such file\n"))).hasValueSatisfying(u -> {
                    assertThat(u.reason()).isEqualTo("no such file");
                    assertThat(u.message()).contains("not running");
                });
        assertThat(SupervisorctlOutput.unreachable("h", "http://127.0.0.1:9001",
                result(4, "http://127.0.0.1:9001 refused connection\n"))).hasValueSatisfying(
                        u -> assertThat(u.message()).contains("probably died"));
        assertThat(SupervisorctlOutput.unreachable("h", "http://127.0.0.1:9001",
                result(1, "Server requires authentication\n"))).isPresent();
        assertThat(SupervisorctlOutput.unreachable("h", "u", result(3, "fastapi  STOPPED  Not started\n"))).isEmpty();
    }

    @Test
    void tailStripsTheNewlineSupervisorctlAddsAndReportsErrors() {
        LogTail tail = SupervisorctlOutput.tail("fastapi", LogChannel.STDOUT, 5, result(0, "tapi\n\n"));
        LogTail missing = SupervisorctlOutput.tail("nosuch", LogChannel.STDOUT, 5,
                result(1, "nosuch: ERROR (no such process name)\n"));

        assertThat(tail.text()).isEqualTo("tapi\n");
        assertThat(missing.error()).contains("no such process name");
    }
}
