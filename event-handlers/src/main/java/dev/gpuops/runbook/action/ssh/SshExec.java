package dev.gpuops.runbook.action.ssh;

import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ExecOptions;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.ShellQuote;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Runs one program on the host: {@code command} is a validated program path and every {@code args} entry is
 * shell-quoted, so values substituted from Slack input arrive as single literal arguments.
 *
 * <p>Destructive: Any program could change the host: destructive unless the runbook marks it read-only.
 */
@RunbookAction(key = "ssh.exec", idempotent = false, destructive = true,
        description = "Run a program on the host over SSH")
public final class SshExec implements Action<SshExec.Params> {

    private static final Pattern WORKDIR = Pattern.compile("(/[A-Za-z0-9_.@+-]+)+/?|/");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Program to run, e.g. /workspace/start_remote.sh (no shell syntax)", required = true)
            String command,
            @Param("Arguments, each passed as one quoted word")
            List<String> args,
            @Param("Directory to run in")
            String workdir,
            @Param(value = "Run through sudo -n", defaultValue = "false")
            Boolean sudo,
            @Param(value = "Exit code that means success", defaultValue = "0")
            Integer expectExit,
            @Param(value = "Give up after", defaultValue = "PT5M")
            Duration timeout,
            @Param(value = "The command only reads (status, ls): not destructive", defaultValue = "false")
            Boolean readOnly) {

        public Params {
            CommandArgs.executable(command);
            args = args == null ? List.of() : List.copyOf(args);
            if (workdir != null && !WORKDIR.matcher(workdir).matches()) {
                throw new IllegalArgumentException("workdir must be an absolute path, not " + workdir);
            }
            sudo = sudo != null && sudo;
            expectExit = expectExit == null ? 0 : expectExit;
            timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
            readOnly = readOnly != null && readOnly;
        }

        /** The exact line sent to the host. */
        public String commandLine() {
            List<String> words = new ArrayList<>();
            words.add(command);
            words.addAll(args);
            String line = (sudo ? "sudo -n " : "") + ShellQuote.join(words);
            return workdir == null ? line : "cd " + ShellQuote.quote(workdir) + " && " + line;
        }
    }

    @Override
    public boolean destructive(Params params) {
        return !params.readOnly();
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        SshSession session = SshTargets.session(ctx, params.ssh());
        String line = params.commandLine();
        ExecResult result;
        try {
            result = session.exec(line, ExecOptions.timeout(params.timeout()));
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
        String where = session.endpoint().user() + "@" + session.endpoint().host();
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, line + " on " + where, result.combinedOutput());
        if (result.exitCode() != params.expectExit()) {
            throw StepFailure.permanent("`" + line + "` on " + where + " exited " + result.exitCode()
                    + (params.expectExit() == 0 ? "" : " (expected " + params.expectExit() + ")") + ": "
                    + SshTargets.tail(result.combinedOutput(), 800));
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("exitCode", String.valueOf(result.exitCode()));
        outputs.put("stdout", SshTargets.tail(result.stdout(), 4000));
        return new StepResult("`" + line + "` exited " + result.exitCode() + " in "
                + result.duration().toMillis() + " ms", outputs);
    }
}
