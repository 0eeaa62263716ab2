package dev.gpuops.sandbox.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;

/**
 * An in-process SSH server on 127.0.0.1 that behaves like a GPU VM: supervisord/supervisorctl, docker (logins per
 * user, pulls, the canonical run, crash loops), coreutils, nvidia-smi and df, an optional runtime restart script, and
 * the app's HTTP port with {@code /health}. Public-key auth against one authorized key; the host key is generated at
 * start and exposed for known_hosts. Faults are injected by name ({@link Fault}) and cleared with {@link #heal()}.
 */
public final class SandboxSshHost implements AutoCloseable {

    private final Builder config;
    private final KeyPair hostKey;
    private final SimulatedMachine machine;
    private final SshServer server;
    private final HealthServer health;

    private SandboxSshHost(Builder config) throws IOException, GeneralSecurityException {
        this.config = config;
        this.hostKey = SandboxKeys.newKeyPair();
        this.machine = new SimulatedMachine(new SimulatedMachine.Spec(config.user, config.socketUrl,
                List.copyOf(config.programs), config.restartCommand, config.statusCommand, Map.copyOf(config.registries),
                config.gatedModel, config.appPort, config.healthProgram, config.firstBootDelay, config.gpuName,
                config.passwordlessSudo, config.dockerGroup, config.clock, Map.copyOf(config.files),
                config.runtimeImages));
        health = new HealthServer(machine::health);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        server.setPublickeyAuthenticator((user, key, session) ->
                user.equals(config.user) && KeyUtils.compareKeys(key, config.authorizedKey));
        server.setCommandFactory((channel, command) -> new HostCommand(this, command));
        server.start();
    }

    public static Builder builder() {
        return new Builder();
    }

    public String host() {
        return "127.0.0.1";
    }

    public int port() {
        return server.getPort();
    }

    public String user() {
        return config.user;
    }

    public PublicKey hostKey() {
        return hostKey.getPublic();
    }

    /** {@code [127.0.0.1]:PORT ecdsa-sha2-nistp256 AAAA…}. */
    public String knownHostsLine() {
        return "[" + host() + "]:" + port() + " " + PublicKeyEntry.toString(hostKey.getPublic());
    }

    /** Writes a known_hosts file listing this host, and returns its path. */
    public Path writeKnownHosts(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, knownHostsLine() + "\n");
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public int healthPort() {
        return health.port();
    }

    /** {@code http://127.0.0.1:PORT}: where the app answers (the VM's public app port). */
    public String baseUrl() {
        return "http://127.0.0.1:" + health.port();
    }

    public String healthUrl() {
        return baseUrl() + "/health";
    }

    public String supervisorSocketUrl() {
        return config.socketUrl;
    }

    public void fail(String fault) {
        fail(Fault.byName(fault));
    }

    public void fail(Fault fault) {
        machine.fail(fault);
    }

    /** Clears every fault. Crashed programs stay FATAL until restarted; crash-looping containers come back. */
    public void heal() {
        machine.faults.clear();
    }

    public void heal(String fault) {
        machine.faults.remove(Fault.byName(fault));
    }

    public Set<Fault> faults() {
        synchronized (machine.faults) {
            return Set.copyOf(machine.faults);
        }
    }

    /** Every command line received over SSH, in order: tests assert no secret ever appeared on one. */
    public List<String> commandLog() {
        return List.copyOf(machine.commandLog);
    }

    public Optional<String> file(String path) {
        return machine.files.file(path).map(e -> new String(e.content(), StandardCharsets.UTF_8));
    }

    public OptionalInt fileMode(String path) {
        return machine.files.file(path).map(e -> OptionalInt.of(e.mode())).orElse(OptionalInt.empty());
    }

    public Optional<String> fileOwner(String path) {
        return machine.files.file(path).map(VirtualFiles.Entry::owner);
    }

    /** Supervisor state name (RUNNING, STOPPED, FATAL…) of a program. */
    public Optional<String> programState(String program) {
        return machine.supervisor.state(program);
    }

    public OptionalInt programPid(String program) {
        return machine.supervisor.pid(program);
    }

    /** Docker state (running, restarting, exited, created) of a container. */
    public Optional<String> containerState(String name) {
        return machine.docker.state(name);
    }

    /** The environment a container was started with (including values from --env-file). */
    public Optional<Map<String, String>> containerEnv(String name) {
        return machine.docker.containerEnv(name);
    }

    public boolean dockerLoggedIn(String unixUser, String registry) {
        return machine.docker.loggedIn(unixUser, registry);
    }

    ShellResult execute(String line, String user, Supplier<byte[]> stdin) {
        return machine.execute(line, user, stdin);
    }

    /** Closes every open SSH connection from the host's side, as sshd does to an idle client or on a reboot. */
    public void dropConnections() {
        server.getActiveSessions().forEach(session -> session.close(true));
    }

    @Override
    public void close() {
        try {
            server.stop(true);
            health.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Configuration; {@link #start()} builds and starts the host. */
    public static final class Builder extends HostOptions<Builder> {

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        public SandboxSshHost start() {
            if (authorizedKey == null) {
                throw new IllegalStateException("SandboxSshHost needs an authorized key (SandboxKeys.generate(dir))");
            }
            if (programs.isEmpty()) {
                program("fastapi", true, "/var/log/fastapi.log");
                program("worker-cpu", false, "/var/log/worker.log");
                program("worker-gpu", false, "/var/log/worker-gpu.log");
            }
            try {
                return new SandboxSshHost(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start the sandbox SSH host", e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("cannot generate the sandbox host key", e);
            }
        }
    }
}
