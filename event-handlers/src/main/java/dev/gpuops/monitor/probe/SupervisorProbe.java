package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.ssh.ProgramStatus;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.ssh.StatusReport;
import dev.gpuops.provider.ssh.StatusResult;
import dev.gpuops.provider.ssh.SupervisorUnreachable;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code supervisor}: {@code supervisorctl status} over SSH; every program in {@code supervisor.programs} must be
 * RUNNING. Each one that is not is named with its state (FATAL, BACKOFF, EXITED, STOPPED) and supervisord's own
 * description. A host SSH cannot reach is UNKNOWN; supervisord itself not answering is FAILING.
 */
public final class SupervisorProbe implements Probe {

    private final SshConnector ssh;
    private final ProbeHosts hosts;
    private final Duration timeout;

    public SupervisorProbe(SshConnector ssh, ProbeHosts hosts, Duration timeout) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "supervisor";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        if (target.supervisor() == null || target.supervisor().programs().isEmpty()) {
            return List.of(CheckResult.ok(check.id(), "no supervisor.programs to watch"));
        }
        try {
            SshEndpoint endpoint = hosts.ssh(target);
            Supervisorctl ctl = new Supervisorctl(ssh.session(endpoint), target.supervisor().socket(), false,
                    timeout);
            return List.of(judge(check.id(), target.supervisor().programs(), ctl.status()));
        } catch (ProviderException | ProbeHosts.Unresolved e) {
            return List.of(CheckResult.unknown(check.id(), "cannot reach the host: " + Redactor.redact(
                    e.getMessage())));
        }
    }

    static CheckResult judge(String check, List<String> programs, StatusResult result) {
        return switch (result) {
            case SupervisorUnreachable down -> CheckResult.failing(check, Redactor.redact(down.message()));
            case StatusReport report -> {
                List<String> bad = new ArrayList<>();
                for (String name : report.notRunning(programs)) {
                    bad.add(report.program(name).map(ProgramStatus::summary)
                            .orElse(name + " unknown to supervisord"));
                }
                yield bad.isEmpty() ? CheckResult.ok(check, "all " + programs.size() + " programs RUNNING")
                        : CheckResult.failing(check, String.join("; ", bad));
            }
        };
    }
}
