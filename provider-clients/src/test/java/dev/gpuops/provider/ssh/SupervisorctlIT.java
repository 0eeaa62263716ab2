package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.provider.ssh.testing.RealSshHostExtension;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SupervisorctlIT {

    @RegisterExtension
    static final RealSshHostExtension SSH = new RealSshHostExtension();

    private static SshConnector connector;
    private static Supervisorctl ctl;

    @BeforeAll
    static void connect() {
        connector = new SshConnector();
        ctl = new Supervisorctl(connector.session(SSH.host().endpoint()), SSH.host().supervisorSocketUrl());
    }

    @AfterAll
    static void close() {
        connector.close();
    }

    @Test
    void parsesStatusOfEveryProgram() {
        StatusReport report = (StatusReport) ctl.status();

        assertThat(report.programs()).extracting(ProgramStatus::name)
                .containsExactlyInAnyOrder("fastapi", "worker-cpu", "worker-gpu", "web");
        ProgramStatus fastapi = report.program("fastapi").orElseThrow();
        assertThat(fastapi.state()).isEqualTo(ProgramState.RUNNING);
        assertThat(fastapi.pid()).isPresent();
        assertThat(fastapi.uptime()).isPresent();
        assertThat(report.program("web").orElseThrow().state()).isEqualTo(ProgramState.STOPPED);
        // the autostart=false program is stopped, so supervisorctl exits 3
        assertThat(report.exitCode()).isEqualTo(3);
        assertThat(report.notRunning(RealSshHost.AUTOSTART_PROGRAMS)).isEmpty();
    }

    @Test
    void statusOfRunningProgramsExitsZero() {
        StatusReport report = (StatusReport) ctl.status(RealSshHost.AUTOSTART_PROGRAMS);

        assertThat(report.exitCode()).isZero();
        assertThat(report.allRunning()).isTrue();
    }

    @Test
    void restartGivesTheProgramANewPid() {
        int before = running("worker-gpu").pid().orElseThrow();

        ControlReport restart = (ControlReport) ctl.restart("worker-gpu");

        assertThat(restart.ok()).isTrue();
        assertThat(restart.changes()).extracting(ProgramChange::outcome)
                .containsExactly(ProgramChange.Outcome.STOPPED, ProgramChange.Outcome.STARTED);
        assertThat(running("worker-gpu").pid().orElseThrow()).isNotEqualTo(before);
    }

    @Test
    void stopThenStartAndTheRepeatsThatSupervisorctlCallsErrorsButExitsZeroFor() {
        ControlReport stop = (ControlReport) ctl.stop("web");
        ControlReport start = (ControlReport) ctl.start("web");
        ControlReport startAgain = (ControlReport) ctl.start("web");
        ControlReport stopped = (ControlReport) ctl.stop("web");
        ControlReport stopAgain = (ControlReport) ctl.stop("web");

        assertThat(stop.changes()).extracting(ProgramChange::outcome).containsExactly(ProgramChange.Outcome.NOT_RUNNING);
        assertThat(start.changes()).extracting(ProgramChange::outcome).containsExactly(ProgramChange.Outcome.STARTED);
        assertThat(startAgain.changes()).extracting(ProgramChange::outcome)
                .containsExactly(ProgramChange.Outcome.ALREADY_STARTED);
        assertThat(startAgain.exitCode()).isZero();
        assertThat(startAgain.ok()).isTrue();
        assertThat(stopped.changes()).extracting(ProgramChange::outcome).containsExactly(ProgramChange.Outcome.STOPPED);
        assertThat(stopAgain.exitCode()).isZero();
        assertThat(List.of(stop, start, startAgain, stopped, stopAgain)).allMatch(ControlReport::ok);
    }

    @Test
    void unknownProgramIsExitFourForStatusAndOneForRestart() {
        StatusReport status = (StatusReport) ctl.status(List.of("nosuch"));
        ControlReport restart = (ControlReport) ctl.restart("nosuch");

        assertThat(status.exitCode()).isEqualTo(4);
        assertThat(status.unknownNames()).containsExactly("nosuch");
        assertThat(status.notRunning(List.of("nosuch"))).containsExactly("nosuch");
        assertThat(restart.exitCode()).isEqualTo(1);
        assertThat(restart.ok()).isFalse();
        assertThat(restart.failures()).extracting(ProgramChange::outcome)
                .containsOnly(ProgramChange.Outcome.NO_SUCH_PROCESS);
    }

    @Test
    void tailsBytesNotLines() {
        LogTail tail = (LogTail) ctl.tail("fastapi", 20, LogChannel.STDOUT);
        LogTail whole = (LogTail) ctl.tail("fastapi", 1600, LogChannel.STDOUT);
        LogTail missing = (LogTail) ctl.tail("nosuch", 100, LogChannel.STDOUT);

        assertThat(tail.ok()).isTrue();
        assertThat(tail.text()).hasSize(20);
        assertThat(RealSshHost.FASTAPI_BANNER + "\n").endsWith(tail.text());
        assertThat(whole.text()).contains(RealSshHost.FASTAPI_BANNER);
        assertThat(missing.ok()).isFalse();
        assertThat(missing.error()).contains("no such process name");
    }

    @Test
    void anUnreachableDaemonIsATypedOutcome() {
        Supervisorctl wrongSocket = new Supervisorctl(connector.session(SSH.host().endpoint()),
                SSH.host().missingSupervisorSocketUrl());

        StatusResult status = wrongSocket.status();
        ControlResult restart = wrongSocket.restart("fastapi");

        assertThat(status).isInstanceOfSatisfying(SupervisorUnreachable.class, u -> {
            assertThat(u.reason()).isEqualTo("no such file");
            assertThat(u.exitCode()).isEqualTo(4);
            assertThat(u.message()).contains("supervisord not reachable").contains("missing.sock");
        });
        assertThat(restart).isInstanceOfSatisfying(SupervisorUnreachable.class,
                u -> assertThat(u.exitCode()).isEqualTo(7));
    }

    private static ProgramStatus running(String name) {
        ProgramStatus status = ((StatusReport) ctl.status(List.of(name))).program(name).orElseThrow();
        assertThat(status.state()).isEqualTo(ProgramState.RUNNING);
        return status;
    }
}
