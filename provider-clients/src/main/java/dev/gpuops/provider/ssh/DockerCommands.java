package dev.gpuops.provider.ssh;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds docker command lines from validated, quoted words. Docker runs as root: through {@code sudo -n} when the SSH
 * user is not root, because seed 000's trap is a login stored for {@code ubuntu} while {@code sudo docker} reads
 * root's config. Passwords and secret env values only ever travel on stdin.
 */
public final class DockerCommands {

    /** Root-only directory (under /root, mode 0700) for per-container env files holding secrets. */
    public static final String ENV_DIR = "/root/.gpuops";

    private final boolean sudo;

    public DockerCommands(boolean sudo) {
        this.sudo = sudo;
    }

    public static DockerCommands forUser(String sshUser) {
        return new DockerCommands(!"root".equals(sshUser));
    }

    public boolean sudo() {
        return sudo;
    }

    /** {@code docker login REGISTRY -u USER --password-stdin}; the password is the stdin. */
    public RemoteCommand login(String registry, String username, String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("registry password for " + registry + " is empty");
        }
        return new RemoteCommand(docker("login", CommandArgs.registryHost(registry), "-u",
                CommandArgs.registryUser(username), "--password-stdin"), password.getBytes(StandardCharsets.UTF_8));
    }

    public RemoteCommand pull(String image) {
        return RemoteCommand.of(docker("pull", CommandArgs.imageReference(image)));
    }

    public String envFilePath(String containerName) {
        return ENV_DIR + "/" + CommandArgs.containerName(containerName) + ".env";
    }

    /** Writes {@code NAME=value} lines to a 0600 root-owned file; the values are the stdin, never the command line. */
    public RemoteCommand writeEnvFile(String containerName, Map<String, String> secretEnv) {
        String path = envFilePath(containerName);
        StringBuilder content = new StringBuilder();
        new TreeMap<>(secretEnv).forEach((key, value) -> {
            CommandArgs.envName(key);
            if (value == null || value.isEmpty() || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0
                    || value.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("secret " + key + " is empty or spans several lines; an env file"
                        + " holds one NAME=value per line");
            }
            content.append(key).append('=').append(value).append('\n');
        });
        String script = "umask 077 && mkdir -p " + ENV_DIR + " && cat > " + path + " && chmod 600 " + path;
        return new RemoteCommand(prefix() + ShellQuote.join("sh", "-c", script),
                content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The canonical run (seed 000 §8). */
    public RemoteCommand run(ContainerSpec spec) {
        List<String> words = new ArrayList<>(List.of("run", "-d", "--name", spec.name(),
                "--restart", spec.restartPolicy()));
        if (spec.gpus() != null) {
            words.addAll(List.of("--gpus", spec.gpus()));
        }
        if (spec.port() != null) {
            words.addAll(List.of("-p", spec.port() + ":" + spec.port()));
        }
        spec.env().forEach((key, value) -> words.addAll(List.of("-e", key + "=" + value)));
        if (spec.envFile() != null) {
            words.addAll(List.of("--env-file", spec.envFile()));
        }
        words.add(spec.image());
        return RemoteCommand.of(docker(words.toArray(String[]::new)));
    }

    /** Removes a container whether running or not; docker ≥ 20.10 exits 0 when it does not exist. */
    public RemoteCommand removeForce(String name) {
        return RemoteCommand.of(docker("rm", "-f", CommandArgs.containerName(name)));
    }

    /** {@code docker logs --tail N}: lines (unlike supervisorctl tail), stdout and stderr as the app wrote them. */
    public RemoteCommand logs(String name, int tailLines) {
        return RemoteCommand.of(docker("logs", "--tail", String.valueOf(CommandArgs.tailLines(tailLines)),
                CommandArgs.containerName(name)));
    }

    public RemoteCommand inspectState(String name) {
        return RemoteCommand.of(docker("inspect", "--type", "container", "--format", "{{json .State}}",
                CommandArgs.containerName(name)));
    }

    private String docker(String... args) {
        List<String> words = new ArrayList<>(List.of("docker"));
        words.addAll(List.of(args));
        return prefix() + ShellQuote.join(words);
    }

    private String prefix() {
        return sudo ? "sudo -n " : "";
    }
}
