package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.io.FileNotFoundException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.Optional;
import net.schmizz.sshj.connection.channel.OpenFailException;
import net.schmizz.sshj.userauth.UserAuthException;

/** The one place that turns sshj and socket failures into {@link ProviderException}s (provider "ssh"). */
final class SshFailures {

    static final String PROVIDER = "ssh";

    private SshFailures() {
    }

    static ProviderException connect(SshEndpoint ep, Throwable e, Optional<KnownHostsVerifier.Refusal> refusal,
                                     Duration connectTimeout) {
        if (refusal.isPresent()) {
            return hostKey(ep, refusal.get());
        }
        if (causedBy(e, UserAuthException.class)) {
            return new ProviderException.Auth(PROVIDER, 0, null, "public key authentication as '" + ep.user()
                    + "' on " + ep.host() + ":" + ep.port() + " was refused. Check that " + ep.privateKey()
                    + " is the key whose public half is in the host's ~/.ssh/authorized_keys (for cloud VMs: the SSH"
                    + " key the instance was launched with) and that the user name is right.");
        }
        if (causedBy(e, ConnectException.class)) {
            return transientFailure(ep, "connection refused by " + where(ep)
                    + " (sshd not started yet, or nothing listens on that port)", e);
        }
        if (causedBy(e, SocketTimeoutException.class)) {
            return transientFailure(ep, "timed out after " + connectTimeout.toSeconds() + "s connecting to "
                    + where(ep) + " (VM still booting, or a firewall drops the port)", e);
        }
        if (causedBy(e, NoRouteToHostException.class)) {
            return transientFailure(ep, "no route to " + where(ep) + " (VM not up yet, or the address is wrong)", e);
        }
        if (causedBy(e, UnknownHostException.class)) {
            return new ProviderException.Permanent(PROVIDER, 0, null, "unknown host name '" + ep.host()
                    + "': check the target's ssh.host or the IP resolved by the earlier step");
        }
        if (causedBy(e, NoSuchFileException.class) || causedBy(e, FileNotFoundException.class)) {
            return new ProviderException.Permanent(PROVIDER, 0, null, "cannot read " + rootCause(e).getMessage()
                    + ": check the target's ssh.privateKey path on the machine running gpuops");
        }
        return transientFailure(ep, "SSH connection to " + where(ep) + " failed: " + describe(e), e);
    }

    static ProviderException hostKey(SshEndpoint ep, KnownHostsVerifier.Refusal refusal) {
        String name = ep.knownHostsName();
        String file = ep.knownHosts().toString();
        String offered = refusal.keyType() + " " + refusal.fingerprint();
        String fix = " If you know the host was recreated, verify its new key out of band (provider console), then "
                + "run `ssh-keygen -R '" + name + "' -f " + file + "` and add the new key, e.g. `ssh-keyscan -p "
                + ep.port() + " " + ep.host() + " >> " + file + "` after comparing fingerprints.";
        if (refusal.changed()) {
            return new ProviderException.Permanent(PROVIDER, 0, null, "REFUSED: the host key of " + name
                    + " does not match " + file + " (host offered " + offered + "). The VM may have been recreated"
                    + " at the same address, or someone may be intercepting the connection (man in the middle)."
                    + " gpuops will not connect." + fix);
        }
        return new ProviderException.Permanent(PROVIDER, 0, null, "REFUSED: " + name + " is not listed in " + file
                + " (host offered " + offered + "); gpuops only connects to hosts whose key is known." + fix);
    }

    static ProviderException channel(SshEndpoint ep, Throwable e) {
        if (e instanceof OpenFailException open) {
            return transientFailure(ep, "host " + where(ep) + " refused to open a channel (" + open.getReason()
                    + "); sshd's MaxSessions may be too low for this many concurrent commands", e);
        }
        return transientFailure(ep, "SSH connection to " + where(ep) + " broke: " + describe(e), e);
    }

    static ProviderException timeout(SshEndpoint ep, String command, Duration timeout) {
        return new ProviderException.Transient(PROVIDER, 0, null, "`" + JsonHttp.abbreviate(Redactor.redact(command))
                + "` on " + where(ep) + " did not finish within " + timeout.toSeconds() + "s; the channel was closed"
                + " but the process may still be running on the host", null);
    }

    static ProviderException interrupted(SshEndpoint ep, InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ProviderException.Transient(PROVIDER, 0, null, "interrupted while talking to " + where(ep), e);
    }

    private static ProviderException transientFailure(SshEndpoint ep, String message, Throwable cause) {
        return new ProviderException.Transient(PROVIDER, 0, null, message, cause);
    }

    private static String where(SshEndpoint ep) {
        return ep.host() + ":" + ep.port();
    }

    private static String describe(Throwable e) {
        Throwable root = rootCause(e);
        String message = root.getMessage() == null ? "" : ": " + Redactor.redact(root.getMessage());
        return root.getClass().getSimpleName() + JsonHttp.abbreviate(message);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable current = e; current != null; current = current.getCause()) {
            if (type.isInstance(current)) {
                return true;
            }
            if (current.getCause() == current) {
                return false;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable current = e;
        while (current.getCause() != null && current.getCause() != current) {
            current = current.getCause();
        }
        return current;
    }
}
