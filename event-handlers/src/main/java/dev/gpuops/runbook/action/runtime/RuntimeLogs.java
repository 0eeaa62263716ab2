package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.LogChannel;
import dev.gpuops.provider.ssh.LogTail;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code runtime.logs}: the end of a host's logs, as evidence for diagnosis and as the {@code text} output a
 * {@code log.note} can post. One named supervisor program ({@code supervisorctl tail}, which counts bytes), or every
 * configured log file ({@code runtime.logFiles}, {@code supervisor.logs}), or else every supervisor program.
 */
@RunbookAction(key = "runtime.logs", idempotent = true, destructive = false,
        description = "Read the end of the host's logs (one program, the configured log files, or every program)")
public final class RuntimeLogs implements Action<RuntimeLogs.Params> {

    /** Room for the text in one Slack message with its headers. */
    static final int TEXT_LIMIT = 3_500;
    private static final Pattern FILE = Pattern.compile("(/[A-Za-z0-9_.@+=-]+)+");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param("Read only this supervisor program's log (e.g. ${inputs.program})") String program,
            @Param(value = "Log files to read", defaultValue = "runtime.logFiles and supervisor.logs of the target,"
                    + " else every supervisor program") List<String> files,
            @Param(value = "How much of each log to read (bytes, like supervisorctl tail)", defaultValue = "4000")
            Integer bytes,
            @Param(value = "Read through sudo -n (root-only logs)", defaultValue = "false") Boolean sudo) {

        public Params {
            if (program != null && !program.isBlank()) {
                CommandArgs.program(program.strip());
            }
            files = files == null ? null : List.copyOf(files);
            bytes = bytes == null ? 4_000 : CommandArgs.tailBytes(bytes);
            sudo = sudo != null && sudo;
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        HostAccess host = HostAccess.open(ctx, params.ssh());
        Map<String, String> read = new LinkedHashMap<>();
        List<String> unreadable = new ArrayList<>();
        List<String> files = params.files() != null ? params.files() : configuredFiles(ctx.target());
        if (!SshTargets.blank(params.program())) {
            program(ctx, host, params, params.program().strip(), read, unreadable);
        } else if (!files.isEmpty()) {
            files.forEach(file -> file(ctx, host, params, file, read, unreadable));
        } else {
            programs(ctx.target()).forEach(p -> program(ctx, host, params, p, read, unreadable));
        }
        if (read.isEmpty()) {
            throw StepFailure.permanent(unreadable.isEmpty() ? "no logs to read on " + ctx.target().name() + ": set"
                    + " runtime.logFiles or supervisor.logs/programs in the targets file, or name a program"
                    : "could not read any log on " + host.where() + ": " + String.join("; ", unreadable));
        }
        StringBuilder text = new StringBuilder();
        read.forEach((source, content) -> text.append("==> ").append(source).append(" <==\n")
                .append(content.isBlank() ? "(empty)\n" : content.strip() + "\n"));
        String summary = "read " + String.join(", ", read.keySet())
                + (unreadable.isEmpty() ? "" : "; could not read " + String.join("; ", unreadable));
        return StepResult.of(summary, "text", SshTargets.tail(text.toString(), TEXT_LIMIT));
    }

    private static void program(StepContext ctx, HostAccess host, Params params, String program,
                                Map<String, String> read, List<String> unreadable) {
        Supervisorctl ctl = host.supervisorctl(null, params.sudo(), Duration.ofMinutes(1));
        TailResult result;
        try {
            result = ctl.tail(program, params.bytes(), LogChannel.STDOUT);
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
        switch (result) {
            case LogTail tail when tail.ok() -> {
                String source = "supervisorctl tail -" + params.bytes() + " " + program;
                ctx.evidence(Evidence.Kind.LOG_FILE, source, tail.text());
                read.put(program, tail.text());
            }
            case LogTail tail -> unreadable.add(program + ": " + tail.error().orElse("exit " + tail.exitCode()));
            case SupervisorUnreachable u -> {
                ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl", u.output());
                unreadable.add(program + ": " + u.message());
            }
        }
    }

    private static void file(StepContext ctx, HostAccess host, Params params, String file, Map<String, String> read,
                             List<String> unreadable) {
        if (!FILE.matcher(file).matches()) {
            unreadable.add(file + ": not an absolute path without spaces");
            return;
        }
        ExecResult result = host.run(List.of("tail", "-c", Integer.toString(params.bytes()), file), params.sudo(),
                Duration.ofSeconds(30));
        if (!result.ok()) {
            unreadable.add(file + ": " + SshTargets.tail(result.combinedOutput(), 200));
            return;
        }
        ctx.evidence(Evidence.Kind.LOG_FILE, file, result.stdout());
        read.put(file, result.stdout());
    }

    private static List<String> configuredFiles(Target target) {
        Set<String> files = new LinkedHashSet<>();
        if (target.runtime() != null) {
            files.addAll(target.runtime().logFiles());
        }
        if (target.supervisor() != null) {
            files.addAll(target.supervisor().logs().values());
        }
        return List.copyOf(files);
    }

    private static List<String> programs(Target target) {
        return target.supervisor() == null ? List.of() : target.supervisor().programs();
    }
}
