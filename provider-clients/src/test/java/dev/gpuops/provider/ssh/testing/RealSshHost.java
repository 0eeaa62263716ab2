package dev.gpuops.provider.ssh.testing;

import dev.gpuops.provider.ssh.SshEndpoint;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A real OpenSSH server and a real supervisord on 127.0.0.1, owned by the test: keys, configs, socket and logs live in
 * a temp dir, and {@link #close()} stops both daemons and everything they spawned (also from a shutdown hook, so a
 * crashed test leaves nothing behind). Installs {@code openssh-server} and {@code supervisor} with apt when missing
 * and running as root. The login user is the current user.
 *
 * <p>supervisord manages {@code fastapi}, {@code worker-cpu} and {@code worker-gpu} (autostarted) and {@code web}
 * ({@code autostart=false}); fastapi prints a uvicorn-style line to its stdout log at start.
 */
public final class RealSshHost implements AutoCloseable {

    public static final List<String> AUTOSTART_PROGRAMS = List.of("fastapi", "worker-cpu", "worker-gpu");
    public static final String MANUAL_PROGRAM = "web";
    public static final String FASTAPI_BANNER = "INFO:     Uvicorn running on http://0.0.0.0:8000 (Press CTRL+C to quit)";

    private final Path dir;
    private final int port;
    private final String user;
    private final Thread shutdownHook;
    private Process sshd;
    private Process supervisord;

    private RealSshHost(Path dir, int port) {
        this.dir = dir;
        this.port = port;
        this.user = System.getProperty("user.name");
        this.shutdownHook = new Thread(this::stopDaemons, "real-ssh-host-cleanup");
    }

    /** Starts sshd and supervisord; fails with a clear message when they cannot be installed or do not come up. */
    public static RealSshHost start() throws IOException, InterruptedException {
        Packages.ensureInstalled();
        RealSshHost host = new RealSshHost(Files.createTempDirectory("gpuops-sshd-"), freePort());
        Runtime.getRuntime().addShutdownHook(host.shutdownHook);
        try {
            host.startSshd();
            host.startSupervisord();
            return host;
        } catch (IOException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /** The current user, key auth, known_hosts with the real host key. */
    public SshEndpoint endpoint() {
        return new SshEndpoint("127.0.0.1", port, user, privateKey(), knownHosts());
    }

    public SshEndpoint endpointWithKnownHosts(Path knownHostsFile) {
        return new SshEndpoint("127.0.0.1", port, user, privateKey(), knownHostsFile);
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public Path dir() {
        return dir;
    }

    public Path privateKey() {
        return dir.resolve("id_ed25519");
    }

    public Path knownHosts() {
        return dir.resolve("known_hosts");
    }

    /** Lists this host's address with a different ed25519 key: what a recreated VM or a MITM looks like. */
    public Path wrongKnownHosts() {
        return dir.resolve("known_hosts_wrong");
    }

    /** Lists only some other host: this one is unknown. */
    public Path unrelatedKnownHosts() {
        return dir.resolve("known_hosts_unrelated");
    }

    /** A key pair whose public half is not authorized. */
    public Path unauthorizedKey() {
        return dir.resolve("id_unauthorized");
    }

    /** First on the PATH of every SSH session: where a test adds commands this machine lacks (nvidia-smi). */
    public Path binDir() {
        return dir.resolve("bin");
    }

    public String supervisorSocketUrl() {
        return "unix://" + dir.resolve("supervisor.sock");
    }

    /** A socket URL where no supervisord listens ("… no such file"). */
    public String missingSupervisorSocketUrl() {
        return "unix://" + dir.resolve("missing.sock");
    }

    public Path stdoutLog(String program) {
        return dir.resolve(program + ".out.log");
    }

    /** Kills the per-connection sshd processes, as a network drop or sshd restart would; the listener stays up. */
    public void dropConnections() throws InterruptedException {
        List<ProcessHandle> children = sshd.children().toList();
        children.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle child : children) {
            child.onExit().join();
        }
    }

    @Override
    public void close() {
        stopDaemons();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or ran; nothing to remove
        }
        deleteQuietly(dir);
    }

    private void startSshd() throws IOException, InterruptedException {
        Keys.generate(privateKey(), "gpuops-test-user");
        Keys.generate(unauthorizedKey(), "gpuops-test-unauthorized");
        Keys.generate(dir.resolve("ssh_host_ed25519_key"), "host");
        Keys.generate(dir.resolve("other_host_key"), "impostor");
        Files.copy(dir.resolve("id_ed25519.pub"), dir.resolve("authorized_keys"));
        String name = "[127.0.0.1]:" + port;
        Files.writeString(knownHosts(), name + " " + Keys.publicKey(dir.resolve("ssh_host_ed25519_key")) + "\n");
        Files.writeString(wrongKnownHosts(), name + " " + Keys.publicKey(dir.resolve("other_host_key")) + "\n");
        Files.writeString(unrelatedKnownHosts(), "[127.0.0.2]:" + port + " "
                + Keys.publicKey(dir.resolve("ssh_host_ed25519_key")) + "\n");
        Files.createDirectories(Path.of("/run/sshd"));
        Files.createDirectories(binDir());
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, Configs.sshd(dir, port));
        sshd = new ProcessBuilder("/usr/sbin/sshd", "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sshd.log").toFile()).start();
        awaitPort(Duration.ofSeconds(15));
    }

    private void startSupervisord() throws IOException, InterruptedException {
        Path config = dir.resolve("supervisord.conf");
        Files.writeString(config, Configs.supervisord(dir, AUTOSTART_PROGRAMS, MANUAL_PROGRAM, FASTAPI_BANNER));
        supervisord = new ProcessBuilder(Packages.supervisord(), "-n", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("supervisord.out").toFile()).start();
        Instant deadline = Instant.now().plusSeconds(20);
        while (Instant.now().isBefore(deadline)) {
            if (!supervisord.isAlive()) {
                throw new IllegalStateException("supervisord exited at start: " + tail("supervisord.out"));
            }
            if (Files.exists(dir.resolve("supervisor.sock")) && allStarted()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("supervisord did not start its programs within 20s: " + tail("supervisord.log"));
    }

    private boolean allStarted() throws IOException, InterruptedException {
        Process ctl = new ProcessBuilder("supervisorctl", "-s", supervisorSocketUrl(), "status")
                .redirectErrorStream(true).start();
        String out = new String(ctl.getInputStream().readAllBytes());
        ctl.waitFor();
        return AUTOSTART_PROGRAMS.stream().allMatch(p -> out.lines().anyMatch(l -> l.startsWith(p + " ")
                && l.contains("RUNNING")));
    }

    private void awaitPort(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!sshd.isAlive()) {
                throw new IllegalStateException("sshd exited at start: " + tail("sshd.log"));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(25);
            }
        }
        throw new IllegalStateException("sshd did not listen on port " + port + " within " + timeout);
    }

    private synchronized void stopDaemons() {
        stop(supervisord, Duration.ofSeconds(10));
        stop(sshd, Duration.ofSeconds(5));
        supervisord = null;
        sshd = null;
    }

    private static void stop(Process process, Duration grace) {
        if (process == null) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        // supervisord stops its programs on TERM; sshd's session processes outlive the listener, so end them too
        descendants.forEach(ProcessHandle::destroyForcibly);
    }

    private String tail(String file) {
        try {
            String text = Files.readString(dir.resolve(file));
            return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
        } catch (IOException e) {
            return "(no " + file + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteQuietly(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}
