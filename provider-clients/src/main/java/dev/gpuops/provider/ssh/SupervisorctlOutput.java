package dev.gpuops.provider.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses what supervisorctl 4.x prints (see supervisorctl.py: _show_statuses, _startresult, _signalresult). */
final class SupervisorctlOutput {

    private static final Pattern STATUS_LINE = Pattern.compile(
            "(\\S+)\\s+(STOPPED|STARTING|RUNNING|BACKOFF|STOPPING|EXITED|FATAL|UNKNOWN)(?:\\s+(.*))?");
    private static final Pattern ERROR_LINE = Pattern.compile("(\\S+): ERROR \\((.+)\\)");
    private static final Pattern CHANGE_LINE = Pattern.compile("(\\S+): (started|stopped)");
    private static final Pattern UNREACHABLE = Pattern.compile("(?m)^\\S+ (no such file|refused connection)\\s*$");
    private static final Pattern SOCKET_ERROR = Pattern.compile("(?m)^error: <class '[^']+'>, (.*?)(?:: file: .*)?$");
    private static final Pattern PID = Pattern.compile("pid (\\d+)");
    private static final Pattern UPTIME = Pattern.compile("uptime (?:(\\d+) days?, )?(\\d+):(\\d{2}):(\\d{2})");

    private SupervisorctlOutput() {
    }

    static Optional<SupervisorUnreachable> unreachable(String host, String socketUrl, ExecResult result) {
        if (result.ok()) {
            return Optional.empty();
        }
        String text = result.combinedOutput();
        Matcher m = UNREACHABLE.matcher(text);
        if (m.find()) {
            return Optional.of(new SupervisorUnreachable(host, socketUrl, m.group(1), result.exitCode(), text));
        }
        if (text.contains("Server requires authentication")) {
            return Optional.of(new SupervisorUnreachable(host, socketUrl, "requires authentication",
                    result.exitCode(), text));
        }
        Matcher socketError = SOCKET_ERROR.matcher(text);
        if (socketError.find()) {
            return Optional.of(new SupervisorUnreachable(host, socketUrl, socketError.group(1).trim(),
                    result.exitCode(), text));
        }
        return Optional.empty();
    }

    static StatusReport status(ExecResult result) {
        List<ProgramStatus> programs = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        for (String line : result.stdout().split("\n")) {
            Matcher error = ERROR_LINE.matcher(line.strip());
            Matcher status = STATUS_LINE.matcher(line.strip());
            if (error.matches()) {
                unknown.add(error.group(1));
            } else if (status.matches()) {
                programs.add(program(status.group(1), status.group(2), status.group(3)));
            }
        }
        return new StatusReport(programs, unknown, result.exitCode(), result.combinedOutput());
    }

    static ProgramStatus program(String name, String state, String rest) {
        String description = rest == null ? "" : rest.strip();
        Matcher pid = PID.matcher(description);
        Matcher uptime = UPTIME.matcher(description);
        return new ProgramStatus(name, ProgramState.parse(state),
                pid.find() ? OptionalInt.of(Integer.parseInt(pid.group(1))) : OptionalInt.empty(),
                uptime.find() ? Optional.of(uptime(uptime)) : Optional.empty(),
                description);
    }

    private static Duration uptime(Matcher m) {
        long days = m.group(1) == null ? 0 : Long.parseLong(m.group(1));
        return Duration.ofDays(days).plusHours(Long.parseLong(m.group(2)))
                .plusMinutes(Long.parseLong(m.group(3))).plusSeconds(Long.parseLong(m.group(4)));
    }

    static ControlReport control(ControlReport.Op op, ExecResult result) {
        List<ProgramChange> changes = new ArrayList<>();
        for (String raw : result.stdout().split("\n")) {
            String line = raw.strip();
            Matcher ok = CHANGE_LINE.matcher(line);
            Matcher error = ERROR_LINE.matcher(line);
            if (ok.matches()) {
                changes.add(new ProgramChange(ok.group(1), ok.group(2).equals("started")
                        ? ProgramChange.Outcome.STARTED : ProgramChange.Outcome.STOPPED, line));
            } else if (error.matches()) {
                changes.add(new ProgramChange(error.group(1), outcome(error.group(2)), line));
            }
        }
        return new ControlReport(op, changes, result.exitCode(), result.combinedOutput());
    }

    private static ProgramChange.Outcome outcome(String reason) {
        return switch (reason) {
            case "already started" -> ProgramChange.Outcome.ALREADY_STARTED;
            case "not running" -> ProgramChange.Outcome.NOT_RUNNING;
            case "no such process" -> ProgramChange.Outcome.NO_SUCH_PROCESS;
            case "no such group" -> ProgramChange.Outcome.NO_SUCH_GROUP;
            case "spawn error" -> ProgramChange.Outcome.SPAWN_ERROR;
            case "abnormal termination" -> ProgramChange.Outcome.ABNORMAL_TERMINATION;
            case "no such file" -> ProgramChange.Outcome.NO_SUCH_FILE;
            case "file is not executable" -> ProgramChange.Outcome.NOT_EXECUTABLE;
            default -> ProgramChange.Outcome.OTHER_ERROR;
        };
    }

    static LogTail tail(String program, LogChannel channel, int bytes, ExecResult result) {
        String out = result.stdout();
        Matcher error = ERROR_LINE.matcher(out.strip());
        if (!result.ok() && error.matches()) {
            return new LogTail(program, channel, bytes, "", Optional.of(error.group(2)), result.exitCode());
        }
        // supervisorctl prints the log bytes followed by one newline of its own
        String text = out.endsWith("\n") ? out.substring(0, out.length() - 1) : out;
        return new LogTail(program, channel, bytes, text, Optional.empty(), result.exitCode());
    }
}
