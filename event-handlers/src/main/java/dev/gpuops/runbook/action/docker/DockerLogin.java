package dev.gpuops.runbook.action.docker;

import dev.gpuops.provider.ssh.DockerCommands;
import dev.gpuops.provider.ssh.DockerHost;
import dev.gpuops.provider.ssh.DockerOutcome;
import dev.gpuops.provider.ssh.SshSession;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.runbook.action.Action;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Param;
import dev.gpuops.runbook.action.RunbookAction;
import dev.gpuops.runbook.action.StepContext;
import dev.gpuops.runbook.action.ssh.SshAddress;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.ssh.SshTargets;
import java.time.Duration;

/**
 * Logs the host's docker into a registry as root (seed 000 §4–5: {@code docker run} runs as root and reads
 * /root/.docker/config.json, so a login as ubuntu does not help). Credentials come from the bot's environment
 * (GHCR_USERNAME/GHCR_TOKEN for ghcr.io) and reach the host on stdin only.
 */
@RunbookAction(key = "docker.login", idempotent = true, destructive = false,
        description = "Log the host's docker (as root) into the image registry")
public final class DockerLogin implements Action<DockerLogin.Params> {

    public record Params(
            @Param.Flatten SshAddress ssh,
            @Param(value = "Registry host", defaultValue = "the registry of the target's image")
            String registry,
            @Param("Registry user name; defaults to the secret named by usernameSecret")
            String username,
            @Param(value = "Secret holding the user name", defaultValue = "GHCR_USERNAME for ghcr.io")
            String usernameSecret,
            @Param(value = "Secret holding the token or password", defaultValue = "GHCR_TOKEN for ghcr.io")
            String passwordSecret) {
    }

    @Override
    public StepResult execute(StepContext ctx, Params params) {
        String registry = registry(ctx, params);
        String username = !SshTargets.blank(params.username()) ? params.username().strip()
                : RegistrySecrets.require(ctx, usernameSecret(params, registry), "set it to the " + registry
                        + " account that can read the image");
        String passwordSecret = SshTargets.blank(params.passwordSecret())
                ? RegistrySecrets.passwordSecret(registry) : params.passwordSecret();
        String password = RegistrySecrets.require(ctx, passwordSecret, "create a token that can read the image"
                + (registry.equals("ghcr.io") ? " (GitHub: read:packages)" : "") + " and set it");
        SshSession session = SshTargets.session(ctx, params.ssh());
        DockerHost docker = new DockerHost(session, DockerCommands.forUser(session.endpoint().user()),
                Duration.ofMinutes(2));
        DockerOutcome outcome;
        try {
            outcome = docker.login(registry, username, password);
        } catch (ProviderException e) {
            throw SshTargets.failure(e);
        } catch (IllegalArgumentException e) {
            throw SshTargets.invalid(e);
        }
        if (!outcome.ok()) {
            ctx.evidence(Evidence.Kind.COMMAND_OUTPUT, outcome.what(), outcome.result().combinedOutput());
            throw StepFailure.permanent(outcome.message());
        }
        return StepResult.of("docker on " + session.endpoint().host() + " logged in to " + registry + " as "
                + username + " (root's docker config)", "registry", registry);
    }

    private static String registry(StepContext ctx, Params params) {
        if (!SshTargets.blank(params.registry())) {
            return params.registry().strip();
        }
        String image = ctx.target().image();
        return image == null ? "ghcr.io" : RegistrySecrets.registryOf(image);
    }

    private static String usernameSecret(Params params, String registry) {
        return SshTargets.blank(params.usernameSecret()) ? RegistrySecrets.usernameSecret(registry)
                : params.usernameSecret();
    }
}
