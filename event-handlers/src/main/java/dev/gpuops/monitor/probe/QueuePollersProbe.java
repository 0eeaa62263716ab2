package dev.gpuops.monitor.probe;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.temporal.TaskQueuePollers;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * {@code queue-pollers} (seed 002): every task queue of the target ({@code runtime.queues}, or the check's
 * {@code with.queues}, comma-separated) has at least one poller, as {@code temporal task-queue describe} run on the
 * target's host reports it ({@code with.command} replaces that command; {@code {queue}} is substituted). A queue with
 * no pollers fails ("task queue video-processing@gpu: no pollers", the wording the no-queue-pollers pattern reads);
 * a host SSH cannot reach, or a CLI that fails or prints something else, is UNKNOWN.
 */
public final class QueuePollersProbe implements Probe {

    private final SshConnector ssh;
    private final ProbeHosts hosts;
    private final Duration timeout;

    public QueuePollersProbe(SshConnector ssh, ProbeHosts hosts, Duration timeout) {
        this.ssh = ssh;
        this.hosts = hosts;
        this.timeout = timeout;
    }

    @Override
    public String key() {
        return "queue-pollers";
    }

    @Override
    public List<CheckResult> run(CheckDefinition check, Target target) {
        List<String> queues = queues(check, target);
        if (queues.isEmpty()) {
            return List.of(CheckResult.ok(check.id(), "no runtime.queues to watch"));
        }
        try {
            TaskQueuePollers pollers = new TaskQueuePollers(check.with().get("command"));
            List<TaskQueuePollers.QueueState> states = pollers.describe(ssh.session(hosts.ssh(target)), queues,
                    timeout);
            return List.of(judge(check.id(), states));
        } catch (ProviderException | ProbeHosts.Unresolved e) {
            return List.of(CheckResult.unknown(check.id(), "cannot reach the host: " + Redactor.redact(
                    e.getMessage())));
        }
    }

    static CheckResult judge(String check, List<TaskQueuePollers.QueueState> states) {
        String evidence = String.join("; ", states.stream().map(TaskQueuePollers.QueueState::line).toList());
        boolean missing = states.stream().anyMatch(s -> s.description().isPresent() && !s.polled());
        if (missing) {
            return CheckResult.failing(check, evidence);
        }
        boolean unknown = states.stream().anyMatch(s -> s.description().isEmpty());
        return unknown ? CheckResult.unknown(check, evidence) : CheckResult.ok(check, evidence);
    }

    private static List<String> queues(CheckDefinition check, Target target) {
        String listed = check.with().getOrDefault("queues", "").replaceAll("[\\[\\]]", "");
        if (listed != null && !listed.isBlank()) {
            return Arrays.stream(listed.split(",")).map(String::strip).filter(q -> !q.isEmpty()).toList();
        }
        return target.runtime() == null ? List.of() : target.runtime().queues();
    }
}
