package dev.gpuops.sandbox.ssh;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link SandboxSshHost} simulates, with working defaults; {@link SandboxSshHost.Builder} is its public face
 * (the setters return the builder, so calls chain).
 */
abstract class HostOptions<B extends HostOptions<B>> {

    String user = "ubuntu";
    PublicKey authorizedKey;
    String socketUrl = "unix:///tmp/supervisor.sock";
    final List<SimulatedSupervisor.ProgramConfig> programs = new ArrayList<>();
    String restartCommand;
    java.util.function.Function<String, java.util.Optional<String>> runtimeImages;
    String statusCommand;
    final Map<String, SimulatedDocker.Credentials> registries = new LinkedHashMap<>();
    boolean gatedModel;
    int appPort = 8000;
    String healthProgram = "fastapi";
    Duration firstBootDelay = Duration.ZERO;
    String gpuName = "NVIDIA A10";
    boolean passwordlessSudo = true;
    boolean dockerGroup = true;
    Clock clock = Clock.systemUTC();
    final Map<String, String> files = new LinkedHashMap<>();

    /** The SSH login (default {@code ubuntu}); {@code root} makes every command run as root. */
    public B user(String value) {
        user = value;
        return self();
    }

    public B authorizedKey(PublicKey value) {
        authorizedKey = value;
        return self();
    }

    public B authorizedKey(SandboxKeys.ClientKeyPair keys) {
        return authorizedKey(keys.publicKey());
    }

    public B supervisorSocket(String url) {
        socketUrl = url;
        return self();
    }

    /** A supervisord program (redirect_stderr=true, log at {@code logFile}). Defaults apply when none is given. */
    public B program(String name, boolean autostart, String logFile) {
        programs.add(new SimulatedSupervisor.ProgramConfig(name, autostart, logFile));
        return self();
    }

    /** A runtime restart script, e.g. {@code /workspace/start_remote.sh --restart} (seed 002). */
    public B restartCommand(String line) {
        restartCommand = line;
        return self();
    }

    public B statusCommand(String line) {
        statusCommand = line;
        return self();
    }

    /**
     * How the restart command's {@code --tag X} resolves X to the image reference it then runs
     * ({@code repository:X@sha256:…}, empty when the tag does not exist); the status command prints it.
     */
    public B runtimeImages(java.util.function.Function<String, java.util.Optional<String>> resolver) {
        runtimeImages = resolver;
        return self();
    }

    /** A registry whose images need {@code docker login} by the user docker runs as; null credentials accept any. */
    public B privateRegistry(String host, String username, String password) {
        registries.put(host, new SimulatedDocker.Credentials(username, password));
        return self();
    }

    /** The app loads a gated Hugging Face model: without HF_TOKEN in its env it crashes at startup. */
    public B gatedModel(boolean value) {
        gatedModel = value;
        return self();
    }

    /** The container port whose health {@link SandboxSshHost#healthUrl()} reports (default 8000). */
    public B appPort(int port) {
        appPort = port;
        return self();
    }

    /** The supervisord program whose state {@code /health} reports when no container serves the app. */
    public B healthProgram(String program) {
        healthProgram = program;
        return self();
    }

    /** How long a freshly started container answers 503 while it "downloads the model". */
    public B firstBootDelay(Duration value) {
        firstBootDelay = value;
        return self();
    }

    public B gpuName(String value) {
        gpuName = value;
        return self();
    }

    public B passwordlessSudo(boolean value) {
        passwordlessSudo = value;
        return self();
    }

    /** Whether the SSH user may use docker without sudo (Lambda's ubuntu can). */
    public B dockerGroup(boolean value) {
        dockerGroup = value;
        return self();
    }

    public B clock(Clock value) {
        clock = value;
        return self();
    }

    public B file(String path, String content) {
        files.put(path, content);
        return self();
    }

    abstract B self();
}
