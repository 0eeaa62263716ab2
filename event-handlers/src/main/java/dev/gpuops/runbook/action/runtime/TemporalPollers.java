package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.temporal.TaskQueuePollers;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code temporal.pollers}: seed 002's queue check asked of the Temporal server, {@code temporal task-queue describe}
 * on the target's host for each of {@code runtime.queues} (the health monitor's {@code queue-pollers} check, as a
 * step). Fails with "task queue Q: no pollers" when one has none; passes when no queues are configured.
 */
@RunbookAction(key = "temporal.pollers", idempotent = true, destructive = false,
        description = "Check each task queue has a poller, as `temporal task-queue describe` on the host reports it")
public final class TemporalPollers implements Action<TemporalPollers.Params> {

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Task queues that need a poller", defaultValue = "runtime.queues of the target")
            List<String> queues,
            @Param(value = "Describe command; {queue} is replaced by the shell-quoted queue name",
                    defaultValue = TaskQueuePollers.DEFAULT_COMMAND) String command) {

        public Params {
            queues = queues == null ? null : List.copyOf(queues);
            new TaskQueuePollers(command);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        List<String> queues = params.queues() != null ? params.queues()
                : ctx.target().runtime() == null ? List.of() : ctx.target().runtime().queues();
        if (queues.isEmpty()) {
            return StepResult.of("no task queues configured (runtime.queues)", "pollers", "none configured");
        }
        HostAccess host = HostAccess.open(ctx, params.ssh());
        TaskQueuePollers pollers = new TaskQueuePollers(params.command());
        List<TaskQueuePollers.QueueState> states;
        try {
            states = pollers.describe(host.session(), queues, Duration.ofSeconds(30));
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
        String report = states.stream().map(TaskQueuePollers.QueueState::line).collect(Collectors.joining("\n"));
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, pollers.command(queues.get(0)) + " … on " + host.where(),
                report + "\n\n" + states.stream().map(TaskQueuePollers.QueueState::output)
                        .collect(Collectors.joining("\n\n")));
        List<TaskQueuePollers.QueueState> bad = states.stream().filter(s -> !s.polled()).toList();
        if (!bad.isEmpty()) {
            throw StepFailure.permanent(bad.stream().map(TaskQueuePollers.QueueState::line)
                    .collect(Collectors.joining("; ")) + " (temporal task-queue describe on " + host.where()
                    + "). Start the worker (/gpu restart <target> worker-gpu) and read its log if it does not"
                    + " poll.");
        }
        String summary = states.stream().map(TaskQueuePollers.QueueState::line).collect(Collectors.joining("; "));
        return StepResult.of(summary, "pollers", summary);
    }
}
