package dev.gpuops.runbook.action.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.StatusReport;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.provider.ssh.testing.RealSshHostExtension;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ssh.supervisorctl against a real sshd and a real supervisord. */
class SshSupervisorctlIT {

    @RegisterExtension
    static final RealSshHostExtension SSH = new RealSshHostExtension();

    @Test
    void restartThroughTheActionGivesTheProgramANewPid() throws Exception {
        RealSshHost host = SSH.host();
        try (SshConnector connector = new SshConnector()) {
            TestStepContext ctx = new TestStepContext(target(host), new Services().register(SshConnector.class,
                    connector), Duration.ofSeconds(60));
            int before = pid(connector, host, "worker-gpu");

            StepResult restart = new SshSupervisorctl().execute(ctx, params("restart", "worker-gpu"));
            StepResult status = new SshSupervisorctl().execute(ctx, params("status", "all"));

            int after = pid(connector, host, "worker-gpu");
            assertThat(after).isNotEqualTo(before);
            assertThat(restart.summary()).startsWith("restarted worker-gpu: worker-gpu RUNNING (pid " + after
                    + ", uptime ");
            assertThat(status.outputs().get("running").split(",")).contains("fastapi", "worker-cpu", "worker-gpu");
            assertThat(ctx.evidence()).filteredOn(e -> e.kind() == Evidence.Kind.SUPERVISOR_STATUS)
                    .anySatisfy(e -> assertThat(e.text()).contains("web").contains("STOPPED"));
        }
    }

    private static int pid(SshConnector connector, RealSshHost host, String program) {
        StatusReport report = (StatusReport) new Supervisorctl(connector.session(host.endpoint()),
                host.supervisorSocketUrl()).status(List.of(program));
        return report.program(program).orElseThrow().pid().orElseThrow();
    }

    private static Target target(RealSshHost host) {
        return new Target("real-box", "ssh", "#gpu-ops", Target.Environment.STAGING, null,
                new Target.Ssh("127.0.0.1", host.port(), host.user(), host.privateKey().toString(),
                        host.knownHosts().toString()),
                new Target.Supervisor(host.supervisorSocketUrl(), RealSshHost.AUTOSTART_PROGRAMS, Map.of()),
                null, null, null, null, null, null, null, null, Map.of());
    }

    private static SshSupervisorctl.Params params(String op, String program) {
        return new SshSupervisorctl.Params(SshAddress.TARGET, op, program, null, null, null, null, null, null);
    }
}
