package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.ssh.ExecOptions;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code ssh-command}: a user's own check, {@code with: { command: "…", expect: "regex" }}: passes when the command
 * exits 0 and, if {@code expect} is set, its output matches. Keep the command read-only.
 */
public final class SshCommandProbe implements Probe {

    private final SshConnector ssh;
    private final ProbeHosts hosts;
    private final Duration timeout;

    public SshCommandProbe(SshConnector ssh, ProbeHosts hosts, Duration timeout) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "ssh-command";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        String command = check.with().get("command");
        if (command == null || command.isBlank()) {
            return List.of(CheckResult.unknown(check.id(), "the check has no with.command"));
        }
        try {
            ExecResult result = ssh.session(hosts.ssh(target)).exec(command, ExecOptions.timeout(timeout));
            String output = Redactor.redact(result.combinedOutput().strip());
            String tail = output.length() > 300 ? "…" + output.substring(output.length() - 300) : output;
            String expect = check.with().get("expect");
            boolean matches = expect == null || Pattern.compile(expect).matcher(output).find();
            if (result.ok() && matches) {
                return List.of(CheckResult.ok(check.id(), tail));
            }
            return List.of(CheckResult.failing(check.id(), "exit " + result.exitCode()
                    + (matches ? "" : ", output does not match " + expect) + ": " + tail));
        } catch (ProviderException | ProbeHosts.Unresolved e) {
            return List.of(CheckResult.unknown(check.id(), "cannot reach the host: " + Redactor.redact(
                    e.getMessage())));
        }
    }
}
