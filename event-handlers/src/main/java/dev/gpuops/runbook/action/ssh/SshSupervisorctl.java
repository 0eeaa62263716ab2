package dev.gpuops.runbook.action.ssh;

import dev.gpuops.provider.ssh.CommandArgs;
import dev.gpuops.provider.ssh.ControlReport;
import dev.gpuops.provider.ssh.ControlResult;
import dev.gpuops.provider.ssh.LogChannel;
import dev.gpuops.provider.ssh.LogTail;
import dev.gpuops.provider.ssh.ProgramStatus;
import dev.gpuops.provider.ssh.StatusReport;
import dev.gpuops.provider.ssh.StatusResult;
import dev.gpuops.provider.ssh.SupervisorUnreachable;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.ssh.TailResult;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code supervisorctl status|start|stop|restart|tail} on the host (seed 002's worker control). status records
 * SUPERVISOR_STATUS evidence and fails when an expected program is not RUNNING; a failed start or restart records
 * the program's log tail, which is usually where the reason is.
 *
 * <p>Idempotent: Every op converges: running a restart or stop again after a crash mid-step leaves the same end
 * state. Destructive: True for the no-argument form so an engine that cannot see the op stays safe; see the per-
 * params form.
 */
@RunbookAction(key = "ssh.supervisorctl", idempotent = true, destructive = true,
        description = "supervisorctl status/start/stop/restart/tail on the host")
public final class SshSupervisorctl implements Action<SshSupervisorctl.Params> {

    private static final Set<String> OPS = Set.of("status", "start", "stop", "restart", "tail");

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "status, start, stop, restart or tail", defaultValue = "status")
            String op,
            @Param(value = "Program name, group:*, or all", defaultValue = "all")
            String program,
            @Param(value = "Programs that must be RUNNING for status to pass",
                    defaultValue = "supervisor.programs of the target, or the named program")
            List<String> expect,
            @Param(value = "supervisord socket URL", defaultValue = "supervisor.socket of the target")
            String socket,
            @Param(value = "Run supervisorctl through sudo -n (root-only socket)", defaultValue = "false")
            Boolean sudo,
            @Param(value = "tail: how many bytes (supervisorctl tails bytes, not lines)", defaultValue = "1600")
            Integer bytes,
            @Param(value = "tail: stdout or stderr", defaultValue = "stdout")
            String channel,
            @Param(value = "Give up on one supervisorctl call after", defaultValue = "PT2M")
            Duration timeout) {

        public Params {
            op = op == null || op.isBlank() ? "status" : op.strip().toLowerCase(Locale.ROOT);
            if (!OPS.contains(op)) {
                throw new IllegalArgumentException("op must be one of status, start, stop, restart, tail; not '" + op
                        + "'");
            }
            program = program == null || program.isBlank() ? "all" : program.strip();
            CommandArgs.program(program);
            expect = expect == null ? null : List.copyOf(expect);
            sudo = sudo != null && sudo;
            bytes = bytes == null ? Supervisorctl.DEFAULT_TAIL_BYTES : CommandArgs.tailBytes(bytes);
            LogChannel.parse(channel);
            timeout = timeout == null ? Duration.ofMinutes(2) : timeout;
        }
    }

    @Override
    public boolean destructive(Params params) {
        return params.op().equals("stop") || params.op().equals("restart");
    }

    /** "restart stops worker-gpu (pid 4121, up 3 d)", from {@code supervisorctl status} of the named programs. */
    @Override
    public java.util.Optional<String> blastRadius(StepContext ctx, Params params) {
        if (!destructive(params)) {
            return java.util.Optional.empty();
        }
        StatusReport report = reachable(ctx, supervisorctl(ctx, params).status(params.program().equals("all")
                ? List.of() : List.of(params.program())));
        return java.util.Optional.of(stops(params.op(), report));
    }

    /** "restart stops worker-gpu (pid 4121, up 3 d)": what a stop or restart of these programs interrupts. */
    public static String stops(String op, StatusReport report) {
        List<ProgramStatus> running = report.programs().stream().filter(ProgramStatus::running).toList();
        if (running.isEmpty()) {
            return op + " stops nothing: no program is running";
        }
        return op + " stops " + running.stream().map(p -> p.name() + " ("
                + p.pid().stream().mapToObj(pid -> "pid " + pid).findFirst().orElse("pid ?")
                + p.uptime().map(u -> ", up " + uptime(u)).orElse("") + ")").collect(Collectors.joining(", "));
    }

    static String uptime(Duration up) {
        if (up.toDays() > 0) {
            return up.toDays() + " d";
        }
        if (up.toHours() > 0) {
            return up.toHours() + " h";
        }
        return up.toMinutes() > 0 ? up.toMinutes() + " min" : up.toSeconds() + " s";
    }

    private static Supervisorctl supervisorctl(StepContext ctx, Params params) {
        Target.Supervisor conf = ctx.target().supervisor();
        String socket = params.socket() != null ? params.socket()
                : conf != null ? conf.socket() : Supervisorctl.DEFAULT_SOCKET;
        try {
            return new Supervisorctl(SshTargets.session(ctx, params.ssh()), socket,
                    params.sudo(), params.timeout());
        } catch (IllegalArgumentException e) {
            throw SshTargets.invalid(e);
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        Supervisorctl ctl = supervisorctl(ctx, params);
        try {
            return switch (params.op()) {
                case "status" -> status(ctx, ctl, params);
                case "tail" -> tail(ctx, ctl, params);
                default -> control(ctx, ctl, params);
            };
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
    }

    private StepResult status(StepContext ctx, Supervisorctl ctl, Params params) {
        List<String> expected = expected(ctx, params);
        StatusReport report = reachable(ctx, ctl.status(params.program().equals("all") ? List.of()
                : List.of(params.program())));
        ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl status", report.output());
        List<String> down = report.notRunning(expected);
        if (!down.isEmpty()) {
            throw StepFailure.permanent(down.stream().map(name -> describe(report, name))
                    .collect(Collectors.joining("; ")) + ". Check the log with op: tail, then restart the program.");
        }
        String summary = report.programs().stream().map(ProgramStatus::summary).collect(Collectors.joining(", "));
        return StepResult.of(summary.isEmpty() ? "no programs" : summary, "running",
                report.programs().stream().filter(ProgramStatus::running).map(ProgramStatus::name)
                        .collect(Collectors.joining(",")));
    }

    private StepResult control(StepContext ctx, Supervisorctl ctl, Params params) {
        ctx.progress("supervisorctl " + params.op() + " " + params.program());
        ControlResult result = switch (params.op()) {
            case "start" -> ctl.start(params.program());
            case "stop" -> ctl.stop(params.program());
            default -> ctl.restart(params.program());
        };
        ControlReport report = reachable(ctx, result);
        ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, "supervisorctl " + params.op() + " " + params.program(),
                report.output());
        if (!report.ok()) {
            report.failures().stream().map(f -> f.program()).distinct().forEach(p -> recordLog(ctx, ctl, p));
            throw StepFailure.permanent("supervisorctl " + params.op() + " " + params.program() + " failed (exit "
                    + report.exitCode() + "): " + report.failures().stream().map(f -> f.line())
                    .collect(Collectors.joining("; ")) + ". The program log is attached; a spawn error means it"
                    + " exits right after starting.");
        }
        if (params.op().equals("stop")) {
            return StepResult.of("stopped " + params.program());
        }
        StatusReport after = reachable(ctx, ctl.status(params.program().equals("all") ? List.of()
                : List.of(params.program())));
        ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl status", after.output());
        return StepResult.of(params.op() + "ed " + params.program() + ": " + after.programs().stream()
                .map(ProgramStatus::summary).collect(Collectors.joining(", ")), "running",
                after.programs().stream().filter(ProgramStatus::running).map(ProgramStatus::name)
                        .collect(Collectors.joining(",")));
    }

    private StepResult tail(StepContext ctx, Supervisorctl ctl, Params params) {
        LogChannel channel = LogChannel.parse(params.channel());
        LogTail tail = reachable(ctx, ctl.tail(params.program(), params.bytes(), channel));
        if (!tail.ok()) {
            throw StepFailure.permanent("supervisorctl tail " + params.program() + " " + channel.word() + ": "
                    + tail.error().orElse("exit " + tail.exitCode()));
        }
        ctx.evidence(Evidence.Kind.LOG_FILE, "supervisorctl tail -" + params.bytes() + " " + params.program() + " "
                + channel.word(), tail.text());
        return StepResult.of(tail.text().length() + " bytes of " + params.program() + " " + channel.word(),
                "text", SshTargets.tail(tail.text(), 4000));
    }

    private void recordLog(StepContext ctx, Supervisorctl ctl, String program) {
        try {
            if (ctl.tail(program, Supervisorctl.DEFAULT_TAIL_BYTES, LogChannel.STDOUT) instanceof LogTail t
                    && t.ok()) {
                ctx.evidence(Evidence.Kind.LOG_FILE, "supervisorctl tail " + program, t.text());
            }
        } catch (ProviderException | IllegalArgumentException e) {
            ctx.progress("could not read the log of " + program + ": " + SshTargets.tail(e.getMessage(), 200));
        }
    }

    private static List<String> expected(StepContext ctx, Params params) {
        if (params.expect() != null) {
            return params.expect();
        }
        if (!params.program().equals("all")) {
            return List.of(params.program());
        }
        Target.Supervisor conf = ctx.target().supervisor();
        return conf == null ? List.of() : conf.programs();
    }

    private static String describe(StatusReport report, String name) {
        return report.program(name).map(p -> p.name() + " is " + p.state()
                + (p.description().isBlank() ? "" : " (" + p.description() + ")"))
                .orElse(name + " is not configured in supervisord");
    }

    private static StatusReport reachable(StepContext ctx, StatusResult result) {
        return switch (result) {
            case StatusReport report -> report;
            case SupervisorUnreachable u -> throw unreachable(ctx, u);
        };
    }

    private static ControlReport reachable(StepContext ctx, ControlResult result) {
        return switch (result) {
            case ControlReport report -> report;
            case SupervisorUnreachable u -> throw unreachable(ctx, u);
        };
    }

    private static LogTail reachable(StepContext ctx, TailResult result) {
        return switch (result) {
            case LogTail tail -> tail;
            case SupervisorUnreachable u -> throw unreachable(ctx, u);
        };
    }

    private static StepFailure unreachable(StepContext ctx, SupervisorUnreachable u) {
        ctx.evidence(Evidence.Kind.SUPERVISOR_STATUS, "supervisorctl", u.output());
        // supervisord may still be starting on a fresh VM, so the step's retry budget applies
        return new StepFailure(u.message(), true);
    }
}
