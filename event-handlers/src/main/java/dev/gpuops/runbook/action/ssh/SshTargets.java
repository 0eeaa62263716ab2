package dev.gpuops.runbook.action.ssh;

import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.target.Target;

/**
 * Where the ssh/docker actions connect: the target's {@code ssh} section, with {@code host}/{@code port}/{@code user}
 * step parameters taking precedence (a Lambda or Vast address resolved by an earlier step).
 */
public final class SshTargets {

    public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

    private SshTargets() {
    }

    public static SshEndpoint endpoint(StepContext ctx, String host, Integer port, String user) {
        Target target = ctx.target();
        Target.Ssh ssh = target.ssh();
        if (ssh == null) {
            throw StepFailure.permanent("target " + target.name() + " has no ssh section: add ssh.user,"
                    + " ssh.privateKey and ssh.knownHosts to the targets file");
        }
        String effectiveHost = blank(host) ? ssh.host() : host.strip();
        if (blank(effectiveHost)) {
            throw StepFailure.permanent("target " + target.name() + " has no ssh.host (its address is assigned at"
                    + " run time): pass host, e.g. host: ${steps.wait.ip} from the step that resolved it");
        }
        String effectiveUser = blank(user) ? ssh.user() : user.strip();
        if (blank(effectiveUser)) {
            throw StepFailure.permanent("target " + target.name() + " has no ssh.user (ubuntu on Lambda, root on Vast)");
        }
        if (blank(ssh.privateKey())) {
            throw StepFailure.permanent("target " + target.name() + " has no ssh.privateKey: set the path of the key"
                    + " the VM accepts");
        }
        String knownHosts = blank(ssh.knownHosts()) ? DEFAULT_KNOWN_HOSTS : ssh.knownHosts();
        try {
            return SshEndpoint.of(effectiveHost, port != null ? port : ssh.portOrDefault(), effectiveUser,
                    ssh.privateKey(), knownHosts);
        } catch (IllegalArgumentException e) {
            throw StepFailure.permanent(e.getMessage());
        }
    }

    public static SshSession session(StepContext ctx, SshEndpoint endpoint) {
        try {
            return ctx.ssh().session(endpoint);
        } catch (ProviderException e) {
            throw failure(e);
        }
    }

    /** The endpoint for a step's address: its given parts, the rest from the target's {@code ssh} section. */
    public static SshEndpoint endpoint(StepContext ctx, SshAddress address) {
        SshAddress given = SshAddress.orTarget(address);
        return endpoint(ctx, given.host(), given.port(), given.user());
    }

    /** The one way the ssh/docker actions open their session. */
    public static SshSession session(StepContext ctx, SshAddress address) {
        return session(ctx, endpoint(ctx, address));
    }

    /** A provider failure as a step failure, keeping whether a retry may help. */
    public static StepFailure failure(ProviderException e) {
        return new StepFailure(Redactor.redact(e.getMessage()), e.retryable(), e);
    }

    public static StepFailure invalid(IllegalArgumentException e) {
        return StepFailure.permanent(Redactor.redact(e.getMessage()));
    }

    public static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** The last {@code max} characters, redacted, for messages and outputs. */
    public static String tail(String text, int max) {
        String redacted = Redactor.redact(text == null ? "" : text.strip());
        return redacted.length() <= max ? redacted : "…" + redacted.substring(redacted.length() - max);
    }
}
