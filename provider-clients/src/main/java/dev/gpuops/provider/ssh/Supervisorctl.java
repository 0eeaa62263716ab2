package dev.gpuops.provider.ssh;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs {@code supervisorctl -s URL …} on a host and returns typed results. Program names are validated and quoted;
 * a daemon that cannot be reached is a {@link SupervisorUnreachable} result rather than an exception, because it is
 * an answer about the host ("supervisord is down"), not a failure to ask.
 */
public final class Supervisorctl {

    public static final String DEFAULT_SOCKET = "unix:///tmp/supervisor.sock";
    /** supervisorctl's own default for {@code tail}. */
    public static final int DEFAULT_TAIL_BYTES = 1600;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    private final SshSession session;
    private final String socketUrl;
    private final boolean sudo;
    private final Duration timeout;

    public Supervisorctl(SshSession session, String socketUrl) {
        this(session, socketUrl, false, DEFAULT_TIMEOUT);
    }

    /**
     * @param sudo    prefix {@code sudo -n} (the socket is usually root-only when the SSH user is not root)
     * @param timeout per supervisorctl call; a restart waits for the program's startsecs
     */
    public Supervisorctl(SshSession session, String socketUrl, boolean sudo, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.socketUrl = CommandArgs.socketUrl(socketUrl == null ? DEFAULT_SOCKET : socketUrl);
        this.sudo = sudo;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public String socketUrl() {
        return socketUrl;
    }

    public StatusResult status() {
        return status(List.of());
    }

    /** Status of the named programs (all when empty). */
    public StatusResult status(List<String> programs) {
        List<String> args = new ArrayList<>(List.of("status"));
        programs.forEach(p -> args.add(CommandArgs.program(p)));
        ExecResult result = run(args, ExecOptions.DEFAULT_MAX_OUTPUT);
        return SupervisorctlOutput.unreachable(host(), socketUrl, result)
                .<StatusResult>map(u -> u)
                .orElseGet(() -> expect(result, SupervisorctlOutput.status(result), 0, 3, 4));
    }

    /** {@code program} may be a name, {@code group:*} or {@code all}. */
    public ControlResult start(String program) {
        return control(ControlReport.Op.START, program);
    }

    public ControlResult stop(String program) {
        return control(ControlReport.Op.STOP, program);
    }

    public ControlResult restart(String program) {
        return control(ControlReport.Op.RESTART, program);
    }

    /** The last {@code bytes} bytes (not lines: supervisorctl has no -n) of a program's stdout or stderr log. */
    public TailResult tail(String program, int bytes, LogChannel channel) {
        List<String> args = List.of("tail", "-" + CommandArgs.tailBytes(bytes), CommandArgs.program(program),
                channel.word());
        ExecResult result = run(args, bytes + 4096);
        return SupervisorctlOutput.unreachable(host(), socketUrl, result)
                .<TailResult>map(u -> u)
                .orElseGet(() -> expect(result, SupervisorctlOutput.tail(program, channel, bytes, result), 0, 1));
    }

    /** The exact command line run for {@code args}, for logs and tests. */
    public String commandLine(List<String> args) {
        List<String> words = new ArrayList<>(List.of("supervisorctl", "-s", socketUrl));
        words.addAll(args);
        return (sudo ? "sudo -n " : "") + ShellQuote.join(words);
    }

    private ControlResult control(ControlReport.Op op, String program) {
        ExecResult result = run(List.of(op.word(), CommandArgs.program(program)), ExecOptions.DEFAULT_MAX_OUTPUT);
        return SupervisorctlOutput.unreachable(host(), socketUrl, result)
                .<ControlResult>map(u -> u)
                .orElseGet(() -> expect(result, SupervisorctlOutput.control(op, result), 0, 1, 2, 7));
    }

    private ExecResult run(List<String> args, int maxOutput) {
        ExecResult result = session.exec(commandLine(args), ExecOptions.timeout(timeout).withMaxOutputBytes(maxOutput));
        return HostChecks.ran(result, "supervisorctl", session.endpoint());
    }

    private <T> T expect(ExecResult result, T parsed, int... knownExitCodes) {
        for (int code : knownExitCodes) {
            if (result.exitCode() == code) {
                return parsed;
            }
        }
        throw HostChecks.unexpected("supervisorctl", result, session.endpoint());
    }

    private String host() {
        return session.endpoint().host();
    }
}
