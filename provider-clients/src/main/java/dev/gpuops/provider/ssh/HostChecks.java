package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;

/** Failures of the remote environment itself (tool missing, no passwordless sudo), the same for every tool. */
final class HostChecks {

    private HostChecks() {
    }

    /** Throws when the command could not run at all; returns the result otherwise. */
    static ExecResult ran(ExecResult result, String tool, SshEndpoint ep) {
        String err = result.stderr();
        if (err.contains("sudo: a password is required") || err.contains("sudo: a terminal is required")) {
            throw new ProviderException.Permanent(SshFailures.PROVIDER, 0, null, "user '" + ep.user() + "' on "
                    + ep.host() + " cannot run " + tool + " through sudo without a password (sudo -n failed). Grant"
                    + " it NOPASSWD sudo, or connect as root.");
        }
        if (result.exitCode() == 127 && (err.contains("not found") || err.contains("No such file"))) {
            throw new ProviderException.Permanent(SshFailures.PROVIDER, 0, null, tool + " is not installed or not"
                    + " on PATH for user '" + ep.user() + "' on " + ep.host() + ": " + snippet(err));
        }
        return result;
    }

    static ProviderException unexpected(String tool, ExecResult result, SshEndpoint ep) {
        return new ProviderException.Permanent(SshFailures.PROVIDER, 0, null, "unexpected " + tool + " result on "
                + ep.host() + " (exit " + result.exitCode() + "): " + snippet(result.combinedOutput()));
    }

    static String snippet(String text) {
        return JsonHttp.abbreviate(Redactor.redact(text));
    }
}
