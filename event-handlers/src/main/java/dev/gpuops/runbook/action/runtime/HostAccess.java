package dev.gpuops.runbook.action.runtime;

import dev.gpuops.provider.ssh.ExecOptions;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.ShellQuote;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.ssh.SshTargets;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;

/**
 * How the runtime actions use a host once {@link SshTargets} resolved and opened it: quoted commands, optionally
 * through sudo, and the target's supervisord.
 */
public final class HostAccess {

    private final StepContext ctx;
    private final SshSession session;

    private HostAccess(StepContext ctx, SshSession session) {
        this.ctx = ctx;
        this.session = session;
    }

    /** The session through {@link SshTargets}, the one resolver of a step's SSH address for every action. */
    public static HostAccess open(StepContext ctx, SshAddress address) {
        return new HostAccess(ctx, SshTargets.session(ctx, address));
    }

    SshSession session() {
        return session;
    }

    /** {@code user@host}, for messages. */
    String where() {
        return session.endpoint().user() + "@" + session.endpoint().host();
    }

    /** Runs quoted words (optionally through {@code sudo -n}); a failure to run at all fails the step. */
    ExecResult run(List<String> words, boolean sudo, Duration timeout) {
        String line = (sudo ? "sudo -n " : "") + ShellQuote.join(words);
        try {
            return session.exec(line, ExecOptions.timeout(timeout));
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        }
    }

    Supervisorctl supervisorctl(String socket, boolean sudo, Duration timeout) {
        Target.Supervisor conf = ctx.target().supervisor();
        String url = socket != null && !socket.isBlank() ? socket
                : conf != null ? conf.socket() : Supervisorctl.DEFAULT_SOCKET;
        try {
            return new Supervisorctl(session, url, sudo, timeout);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent(e.getMessage());
        }
    }
}
