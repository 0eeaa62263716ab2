package dev.gpuops.provider.temporal;

import dev.gpuops.provider.ssh.ExecOptions;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.ShellQuote;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Seed 002's "confirm video-processing@cpu / @gpu pollers are present", asked of the Temporal server the way an
 * operator would: one {@code temporal task-queue describe --task-queue QUEUE} per queue, on the worker host (where
 * {@code TEMPORAL_ADDRESS} and {@code TEMPORAL_NAMESPACE} are set). The command is a template with {@code {queue}}
 * (shell-quoted when substituted), so {@code tctl} or another namespace is a matter of configuration.
 */
public final class TaskQueuePollers {

    public static final String DEFAULT_COMMAND = "temporal task-queue describe --task-queue {queue}";

    private final String template;

    public TaskQueuePollers(String template) {
        this.template = template == null || template.isBlank() ? DEFAULT_COMMAND : template;
        if (!this.template.contains("{queue}")) {
            throw new IllegalArgumentException("the task queue command must contain {queue}: " + template);
        }
    }

    /** What one queue looks like: its pollers, or why the host could not tell. */
    public record QueueState(String queue, Optional<TaskQueueDescription> description, String problem,
                             String output) {

        public boolean polled() {
            return description.map(d -> d.pollers() > 0).orElse(false);
        }

        /** Wording the no-queue-pollers pattern knows: "task queue Q: no pollers". */
        public String line() {
            if (description.isEmpty()) {
                return "task queue " + queue + ": cannot tell (" + problem + ")";
            }
            TaskQueueDescription d = description.get();
            return d.pollers() == 0 ? "task queue " + queue + ": no pollers"
                    : "task queue " + queue + ": " + d.pollers() + " poller" + (d.pollers() == 1 ? "" : "s") + " ("
                    + String.join(", ", d.identities().stream().limit(3).toList()) + ")";
        }
    }

    public String command(String queue) {
        return template.replace("{queue}", ShellQuote.quote(queue));
    }

    /** Runs the describe command for each queue. SSH failures ({@code ProviderException}) propagate. */
    public List<QueueState> describe(SshSession session, List<String> queues, Duration timeout) {
        List<QueueState> states = new ArrayList<>();
        for (String queue : queues) {
            ExecResult result = session.exec(command(queue), ExecOptions.timeout(timeout));
            String output = Redactor.redact(result.combinedOutput().strip());
            Optional<TaskQueueDescription> description = result.ok() ? TaskQueueDescription.parse(queue,
                    result.stdout()) : Optional.empty();
            String problem = description.isPresent() ? null : result.ok() ? "output not understood: " + tail(output)
                    : "exit " + result.exitCode() + ": " + tail(output);
            states.add(new QueueState(queue, description, problem, output));
        }
        return states;
    }

    private static String tail(String text) {
        String line = text.replace('\n', ' ');
        return line.length() > 200 ? "…" + line.substring(line.length() - 200) : line;
    }
}
