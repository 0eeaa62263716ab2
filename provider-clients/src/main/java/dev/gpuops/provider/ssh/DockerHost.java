package dev.gpuops.provider.ssh;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Runs {@link DockerCommands} over an {@link SshSession} and classifies the results. */
public final class DockerHost {

    /** Generous: seed 003's 14.8 GB image took over ten minutes to pull. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(20);

    private final SshSession session;
    private final DockerCommands commands;
    private final Duration timeout;

    public DockerHost(SshSession session) {
        this(session, DockerCommands.forUser(session.endpoint().user()), DEFAULT_TIMEOUT);
    }

    public DockerHost(SshSession session, DockerCommands commands, Duration timeout) {
        this.session = Objects.requireNonNull(session, "session");
        this.commands = Objects.requireNonNull(commands, "commands");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    public DockerCommands commands() {
        return commands;
    }

    public DockerOutcome login(String registry, String username, String password) {
        Redactor.register(password);
        return run("docker login " + registry, commands.login(registry, username, password), true);
    }

    public DockerOutcome pull(String image) {
        return run("docker pull " + image, commands.pull(image), false);
    }

    public DockerOutcome removeForce(String name) {
        return run("docker rm -f " + name, commands.removeForce(name), false);
    }

    public DockerOutcome writeEnvFile(String containerName, Map<String, String> secretEnv) {
        secretEnv.values().forEach(Redactor::register);
        return run("writing env file " + commands.envFilePath(containerName),
                commands.writeEnvFile(containerName, secretEnv), false);
    }

    public DockerOutcome run(ContainerSpec spec) {
        return run("docker run " + spec.name(), commands.run(spec), false);
    }

    /**
     * Replaces the container named in {@code spec}: {@code rm -f}, then the secrets to the env file (when any), then
     * the run. Stops at the first failing step and returns it.
     */
    public DockerOutcome replace(ContainerSpec spec, Map<String, String> secretEnv) {
        DockerOutcome removed = removeForce(spec.name());
        if (!removed.ok()) {
            return removed;
        }
        ContainerSpec effective = spec;
        if (!secretEnv.isEmpty()) {
            DockerOutcome written = writeEnvFile(spec.name(), secretEnv);
            if (!written.ok()) {
                return written;
            }
            effective = spec.withEnvFile(commands.envFilePath(spec.name()));
        }
        return run(effective);
    }

    /** The last {@code lines} lines of the container's output (stdout and stderr as captured by docker). */
    public ExecResult logs(String name, int lines) {
        return exec(commands.logs(name, lines), "docker");
    }

    /** The container's state, or empty when no such container exists. */
    public Optional<ContainerState> inspect(String name) {
        ExecResult result = exec(commands.inspectState(name), "docker");
        if (result.ok()) {
            return Optional.of(ContainerState.parse(result.stdout().strip()));
        }
        if (DockerFailure.classify(result.combinedOutput(), false) == DockerFailure.NO_SUCH_CONTAINER) {
            return Optional.empty();
        }
        throw new ProviderException.Permanent(SshFailures.PROVIDER, 0, null,
                DockerOutcome.of("docker inspect " + name, result, false).message());
    }

    private DockerOutcome run(String what, RemoteCommand command, boolean login) {
        return DockerOutcome.of(what, exec(command, "docker"), login);
    }

    private ExecResult exec(RemoteCommand command, String tool) {
        ExecResult result = session.exec(command, ExecOptions.timeout(timeout));
        return HostChecks.ran(result, tool, session.endpoint());
    }
}
