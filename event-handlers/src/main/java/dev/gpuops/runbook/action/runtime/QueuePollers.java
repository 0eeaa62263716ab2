package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.LogChannel;
import dev.gpuops.provider.ssh.LogTail;
import dev.gpuops.provider.ssh.ProgramStatus;
import dev.gpuops.provider.ssh.StatusReport;
import dev.gpuops.provider.ssh.SupervisorUnreachable;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.ssh.TailResult;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code runtime.queue_pollers}: seed 002's "confirm video-processing@cpu / @gpu pollers are present". A queue has a
 * poller when a supervisor program that is RUNNING now says in its recent log that it polls that queue; a stopped or
 * crashed worker does not count, whatever its old log says.
 */
@RunbookAction(key = "runtime.queue_pollers", idempotent = true, destructive = false,
        description = "Check that a running worker polls each task queue (from the running programs' logs)")
public final class QueuePollers implements Action<QueuePollers.Params> {

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Task queues that need a poller", defaultValue = "runtime.queues of the target")
            List<String> queues,
            @Param(value = "supervisord socket URL", defaultValue = "supervisor.socket of the target") String socket,
            @Param(value = "Run supervisorctl through sudo -n", defaultValue = "false") Boolean sudo,
            @Param(value = "How much of each running program's log to read (bytes)", defaultValue = "16000")
            Integer bytes) {

        public Params {
            queues = queues == null ? null : List.copyOf(queues);
            sudo = sudo != null && sudo;
            bytes = bytes == null ? 16_000 : CommandArgs.tailBytes(bytes);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        List<String> queues = params.queues() != null ? params.queues() : configured(ctx.target());
        if (queues.isEmpty()) {
            return StepResult.of("no task queues configured (runtime.queues)", "pollers", "none configured");
        }
        HostAccess host = HostAccess.open(ctx, params.ssh());
        Supervisorctl ctl = host.supervisorctl(params.socket(), params.sudo(), Duration.ofMinutes(1));
        Map<String, String> logs = runningLogs(ctx, ctl, params.bytes());
        Map<String, String> pollers = new LinkedHashMap<>();
        List<String> lines = new ArrayList<>();
        for (String queue : queues) {
            String poller = logs.entrySet().stream().filter(e -> polls(e.getValue(), queue)).map(Map.Entry::getKey)
                    .findFirst().orElse(null);
            lines.add("task queue " + queue + ": " + (poller == null ? "no pollers" : "polled by " + poller));
            if (poller != null) {
                pollers.put(queue, poller);
            }
        }
        String report = String.join("\n", lines) + "\n(running programs: " + String.join(", ", logs.keySet()) + ")";
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, "queue pollers on " + host.where(), report);
        List<String> missing = queues.stream().filter(q -> !pollers.containsKey(q)).toList();
        if (!missing.isEmpty()) {
            throw StepFailure.permanent(missing.stream().map(q -> "task queue " + q + ": no pollers")
                    .collect(Collectors.joining("; ")) + " — no RUNNING program on " + host.where()
                    + " logs polling it (running: " + (logs.isEmpty() ? "none" : String.join(", ", logs.keySet()))
                    + "). Start the worker (/gpu restart <target> worker-gpu) and read its log if it does not stay up.");
        }
        String summary = pollers.entrySet().stream().map(e -> e.getKey() + " ← " + e.getValue())
                .collect(Collectors.joining(", "));
        return StepResult.of(summary, "pollers", summary);
    }

    private static List<String> configured(Target target) {
        return target.runtime() == null ? List.of() : target.runtime().queues();
    }

    /** The recent log of every RUNNING program, by name. */
    private static Map<String, String> runningLogs(StepContext ctx, Supervisorctl ctl, int bytes) {
        StatusReport status;
        try {
            status = switch (ctl.status()) {
                case StatusReport report -> report;
                case SupervisorUnreachable u -> {
                    ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl", u.output());
                    throw new StepFailure(u.message(), true);
                }
            };
            ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl status", status.output());
            Map<String, String> logs = new LinkedHashMap<>();
            for (ProgramStatus program : status.programs()) {
                if (program.running()) {
                    TailResult tail = ctl.tail(program.name(), bytes, LogChannel.STDOUT);
                    logs.put(program.name(), tail instanceof LogTail t && t.ok() ? t.text() : "");
                }
            }
            return logs;
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
    }

    private static boolean polls(String log, String queue) {
        return log.lines().anyMatch(line -> line.contains(queue) && line.toLowerCase(Locale.ROOT).contains("poll"));
    }
}
