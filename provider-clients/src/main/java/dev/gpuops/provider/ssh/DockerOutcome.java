package dev.gpuops.provider.ssh;

import java.util.Optional;

/**
 * The result of one docker command. Output never holds a credential: secrets travel on stdin, and the message is
 * redacted anyway.
 *
 * @param what a short description, e.g. "docker pull ghcr.io/acme/app:canary"
 */
public record DockerOutcome(String what, ExecResult result, Optional<DockerFailure> failure) {

    static DockerOutcome of(String what, ExecResult result, boolean login) {
        return new DockerOutcome(what, result, result.ok() ? Optional.empty()
                : Optional.of(DockerFailure.classify(result.combinedOutput(), login)));
    }

    public boolean ok() {
        return result.ok();
    }

    /** "docker pull … failed (exit 1): Error response from daemon: … — hint". */
    public String message() {
        if (ok()) {
            return what + " succeeded";
        }
        return what + " failed (exit " + result.exitCode() + "): " + HostChecks.snippet(result.combinedOutput())
                + " — " + failure.orElse(DockerFailure.OTHER).hint();
    }
}
