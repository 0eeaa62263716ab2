package dev.gpuops.runbook.action.runtime;

import dev.gpuops.provider.ssh.ExecOptions;
import dev.gpuops.provider.ssh.ExecResult;
import dev.gpuops.provider.ssh.ShellQuote;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.ssh.Supervisorctl;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;
import java.time.Duration;
import java.util.List;

/**
 * How the runtime actions reach a host: the target's {@code ssh} section with {@code host}/{@code port}/{@code user}
 * step parameters taking precedence (a Vast or Lambda address resolved by an earlier step), like the ssh actions.
 */
public final class HostAccess {

    private static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

    private final StepContext ctx;
    private final SshSession session;

    private HostAccess(StepContext ctx, SshSession session) {
        this.ctx = ctx;
        this.session = session;
    }

    public static HostAccess open(StepContext ctx, SshAddress address) {
        SshAddress given = SshAddress.orTarget(address);
        SshEndpoint endpoint = endpoint(ctx.target(), given.host(), given.port(), given.user());
        try {
            return new HostAccess(ctx, ctx.ssh().session(endpoint));
        } catch (ProviderException e) {
            throw failure(e);
        }
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
            throw failure(e);
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

    public static StepFailure failure(ProviderException e) {
        return new StepFailure(Redactor.redact(e.getMessage()), e.retryable(), e);
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The last {@code max} characters, redacted. */
    public static String tail(String text, int max) {
        String redacted = Redactor.redact(text == null ? "" : text.strip());
        return redacted.length() <= max ? redacted : "…" + redacted.substring(redacted.length() - max);
    }

    private static SshEndpoint endpoint(Target target, String host, Integer port, String user) {
        Target.Ssh ssh = target.ssh();
        if (ssh == null) {
            throw StepFailure.permanent("target " + target.name() + " has no ssh section: add ssh.user,"
                    + " ssh.privateKey and ssh.knownHosts to the targets file");
        }
        String effectiveHost = blank(host) ? ssh.host() : host.strip();
        String effectiveUser = blank(user) ? ssh.user() : user.strip();
        if (blank(effectiveHost) || blank(effectiveUser) || blank(ssh.privateKey())) {
            throw StepFailure.permanent("target " + target.name() + " needs ssh.host (or host: from an earlier step),"
                    + " ssh.user and ssh.privateKey in the targets file");
        }
        try {
            return SshEndpoint.of(effectiveHost, port != null ? port : ssh.portOrDefault(), effectiveUser,
                    ssh.privateKey(), blank(ssh.knownHosts()) ? DEFAULT_KNOWN_HOSTS : ssh.knownHosts());
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent(e.getMessage());
        }
    }
}
