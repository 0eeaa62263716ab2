package dev.gpuops.runbook.action.ssh;

import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.SshEndpoint;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.Wait;
import java.time.Duration;
import java.util.Map;

/**
 * Retries SSH until the host accepts a login, posting "attempt 3/20: timeout" lines: while a fresh VM boots,
 * timeouts and refusals are expected (seed 000 §3.2), so only running out of attempts fails the step. A changed host
 * key or a refused key fails at once: waiting cannot fix those.
 */
@RunbookAction(key = "ssh.wait", idempotent = true, destructive = false,
        description = "Wait until the host accepts SSH (retrying while the VM boots)")
public final class SshWait implements Action<SshWait.Params> {

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "How many connection attempts before giving up", defaultValue = "20")
            Integer attempts,
            @Param(value = "Pause between attempts", defaultValue = "PT15S")
            Duration interval,
            @Param(value = "Trust and pin the host key if known_hosts has none for this host yet (accept-new), for"
                    + " a VM this run just launched; a changed key is still refused", defaultValue = "false")
            Boolean acceptNewHostKey) {

        public Params {
            attempts = attempts == null ? 20 : attempts;
            interval = interval == null ? Duration.ofSeconds(15) : interval;
            if (attempts < 1 || attempts > 1000) {
                throw new IllegalArgumentException("attempts must be between 1 and 1000, not " + attempts);
            }
            if (interval.isNegative()) {
                throw new IllegalArgumentException("interval must not be negative");
            }
        }
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) throws InterruptedException {
        SshEndpoint endpoint = SshTargets.endpoint(ctx, params.ssh());
        SshConnector connector = ctx.ssh();
        if (Boolean.TRUE.equals(params.acceptNewHostKey())) {
            connector.acceptNewHostKey(endpoint);
        }
        ProviderException[] last = new ProviderException[1];
        Wait.Result<String> up = Wait.on(ctx).every(params.interval()).atMost(params.attempts()).until(poll -> {
            try {
                connector.session(endpoint);
                return Wait.done(endpoint.display());
            } catch (ProviderException e) {
                if (!e.retryable()) {
                    throw SshTargets.failure(e);
                }
                last[0] = e;
                return Wait.pending("attempt " + poll.number() + "/" + params.attempts() + ": " + reason(e));
            }
        });
        if (up.done()) {
            String pinned = connector.acceptedHostKey(endpoint)
                    .map(f -> "; new host key " + f + " trusted on first use and pinned in known_hosts").orElse("");
            return new StepResult("SSH to " + endpoint.display() + " is up (attempt " + up.looks() + "/"
                    + params.attempts() + ", " + up.took() + ")" + pinned,
                    Map.of("host", endpoint.host(), "port", String.valueOf(endpoint.port()),
                            "attempts", String.valueOf(up.looks())));
        }
        if (up.ending() == Wait.Ending.CANCELLED) {
            throw StepFailure.permanent("cancelled while waiting for SSH to " + endpoint.display());
        }
        int attempts = up.looks();
        throw new StepFailure("SSH to " + endpoint.display() + " still not reachable after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + " over " + up.took()
                + (last[0] == null ? "" : " (last: " + reason(last[0]) + ")") + ". The VM may still be booting,"
                + " sshd may not have started, or a firewall blocks port " + endpoint.port()
                + "; check the instance's console in the provider UI.", true, last[0]);
    }

    /** A short word for the progress line; the messages come from the SSH client's own failure mapping. */
    static String reason(ProviderException e) {
        String message = e.getMessage();
        if (message.contains("timed out")) {
            return "timeout";
        }
        if (message.contains("connection refused")) {
            return "connection refused";
        }
        if (message.contains("no route")) {
            return "no route to host";
        }
        return SshTargets.tail(message.replaceFirst("^ssh: ", ""), 120);
    }
}
