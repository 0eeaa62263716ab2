package dev.gpuops.runbook.action.runtime;

import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ControlReport;
import dev.gpuops.provider.ssh.ControlResult;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.ProgramChange;
import dev.gpuops.provider.ssh.SupervisorUnreachable;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepNotApplied;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code runtime.restart}: restarts what runs on a host the way its owners do. A named {@code program} is restarted
 * with supervisorctl; otherwise the target's {@code runtime.restartCommand} runs (seed 002's
 * {@code /workspace/start_remote.sh --restart}), with {@code {tag}} in it replaced by the deployed tag; without one,
 * every supervisor program is restarted.
 *
 * <p>Idempotent: A restart converges: running it again after a crash mid-step leaves the same end state.
 */
@RunbookAction(key = "runtime.restart", idempotent = true, destructive = true,
        description = "Restart the host's runtime: one supervisor program, the target's restart command, or all programs")
public final class RuntimeRestart implements Action<RuntimeRestart.Params> {

    static final String TAG_PLACEHOLDER = "{tag}";
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param("Restart only this supervisor program (supervisorctl restart <program>)") String program,
            @Param(value = "Restart command; {tag} in it is replaced by tag",
                    defaultValue = "runtime.restartCommand of the target, else supervisorctl restart all")
            String command,
            @Param("Image tag the runtime should switch to, substituted for {tag} in the command") String tag,
            @Param(value = "supervisord socket URL", defaultValue = "supervisor.socket of the target") String socket,
            @Param(value = "Run through sudo -n", defaultValue = "false") Boolean sudo,
            @Param(value = "Give up on the restart after", defaultValue = "5m") Duration timeout) {

        public Params {
            if (program != null && !program.isBlank()) {
                CommandArgs.program(program.strip());
            }
            if (tag != null && !tag.isBlank() && !TAG.matcher(tag.strip()).matches()) {
                throw new IllegalArgumentException("runtime.restart: invalid image tag '" + tag + "'");
            }
            sudo = sudo != null && sudo;
            timeout = timeout == null ? Duration.ofMinutes(5) : timeout;
        }
    }

    /** The supervisor programs a restart stops, with pid and uptime; or the command a scripted restart runs. */
    @Override
    public java.util.Optional<String> blastRadius(StepContext ctx, Params params) {
        String program = SshTargets.blank(params.program()) ? null : params.program().strip();
        String command = !SshTargets.blank(params.command()) ? params.command() : configured(ctx.target());
        if (program == null && command != null) {
            return java.util.Optional.of("restart runs `" + command + "`, which stops the whole runtime");
        }
        HostAccess host = HostAccess.open(ctx, params.ssh());
        Supervisorctl ctl = host.supervisorctl(params.socket(), params.sudo(), params.timeout());
        String which = program == null ? "all" : program;
        return switch (ctl.status(which.equals("all") ? List.of() : List.of(which))) {
            case dev.gpuops.provider.ssh.StatusReport report -> java.util.Optional.of(
                    dev.gpuops.runbook.action.ssh.SshSupervisorctl.stops("restart", report));
            case SupervisorUnreachable u -> java.util.Optional.of("restart " + which + " (supervisord is not "
                    + "answering: " + u.message() + ")");
        };
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        HostAccess host = HostAccess.open(ctx, params.ssh());
        if (!SshTargets.blank(params.program())) {
            return supervisor(ctx, host, params, params.program().strip());
        }
        String command = !SshTargets.blank(params.command()) ? params.command() : configured(ctx.target());
        if (command == null && !SshTargets.blank(params.tag())) {
            throw new StepNotApplied(ctx.target().name() + " was not switched to " + params.tag().strip() + ": it"
                    + " has no runtime.restartCommand, and restarting its supervisor programs keeps the image they"
                    + " run; nothing was restarted. Set runtime.restartCommand with {tag} where the runtime takes its"
                    + " image tag in the targets file, then deploy again (or `/gpu restart " + ctx.target().name()
                    + "` to restart without switching)");
        }
        return command == null ? supervisor(ctx, host, params, "all") : script(ctx, host, params, command);
    }

    private static String configured(Target target) {
        Target.Runtime runtime = target.runtime();
        return runtime == null || SshTargets.blank(runtime.restartCommand()) ? null : runtime.restartCommand();
    }

    private static StepResult script(StepContext ctx, HostAccess host, Params params, String template) {
        String tag = SshTargets.blank(params.tag()) ? null : params.tag().strip();
        boolean switches = template.contains(TAG_PLACEHOLDER);
        if (!switches && tag != null) {
            throw new StepNotApplied(ctx.target().name() + " was not switched to " + tag + ": its"
                    + " runtime.restartCommand `" + template + "` has no {tag}, so it can only restart the image the"
                    + " instance already runs; nothing was restarted. Add {tag} where the runtime takes its image tag"
                    + " (e.g. `" + template.strip() + " --tag {tag}`) in the targets file, or recreate the instance"
                    + " on the image, then deploy again");
        }
        List<String> words = words(template, switches, tag);
        try {
            CommandArgs.executable(words.getFirst());
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent("runtime.restartCommand: " + e.getMessage());
        }
        ctx.progress("running " + String.join(" ", words) + " on " + host.where());
        ExecResult result = host.run(words, params.sudo(), params.timeout());
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, String.join(" ", words) + " on " + host.where(),
                result.combinedOutput());
        if (!result.ok()) {
            throw StepFailure.permanent("`" + String.join(" ", words) + "` on " + host.where() + " exited "
                    + result.exitCode() + ": " + SshTargets.tail(result.combinedOutput(), 800)
                    + ". Read the program logs (/gpu logs <target> <program>) before restarting again.");
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("how", "command");
        outputs.put("tag", tag == null ? "" : tag);
        return new StepResult("`" + String.join(" ", words) + "` exited 0", outputs);
    }

    /**
     * The command's words with {tag} replaced. Without a tag (a plain restart) the word holding {tag}, and the option
     * right before it ("--tag"), are left out, so the runtime restarts on the image it runs.
     */
    static List<String> words(String template, boolean switches, String tag) {
        List<String> all = Arrays.asList(template.strip().split("\\s+"));
        if (!switches) {
            return all;
        }
        List<String> out = new java.util.ArrayList<>();
        for (String word : all) {
            if (!word.contains(TAG_PLACEHOLDER)) {
                out.add(word);
            } else if (tag != null) {
                out.add(word.replace(TAG_PLACEHOLDER, tag));
            } else if (!out.isEmpty() && out.getLast().startsWith("-") && out.size() > 1) {
                out.removeLast();
            }
        }
        return out;
    }

    private static StepResult supervisor(StepContext ctx, HostAccess host, Params params, String program) {
        Supervisorctl ctl = host.supervisorctl(params.socket(), params.sudo(), params.timeout());
        ctx.progress("supervisorctl restart " + program + " on " + host.where());
        ControlResult result;
        try {
            result = ctl.restart(program);
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
        ControlReport report = switch (result) {
            case ControlReport r -> r;
            case SupervisorUnreachable u -> {
                ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl", u.output());
                throw new StepFailure(u.message(), true);
            }
        };
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, "supervisorctl restart " + program, report.output());
        if (!report.ok()) {
            throw StepFailure.permanent("supervisorctl restart " + program + " failed (exit " + report.exitCode()
                    + "): " + report.failures().stream().map(ProgramChange::line).collect(Collectors.joining("; "))
                    + ". A spawn error means the program exits right after starting: read its log"
                    + " (/gpu logs <target> <program>).");
        }
        return StepResult.of("restarted " + program + " with supervisorctl", "how", "supervisorctl");
    }
}
