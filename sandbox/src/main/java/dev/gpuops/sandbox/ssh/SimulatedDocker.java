package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * The docker CLI and daemon of one host: per-user registry logins (the seed 000 root-vs-ubuntu trap), pulls, the
 * canonical run with {@code --env-file}, crash-looping containers under {@code --restart unless-stopped}, logs and
 * inspect. Messages are the docker CLI's own.
 */
final class SimulatedDocker {

    /** Accepted credentials for a private registry; null fields accept anything. */
    record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=***]";
        }
    }

    enum Health { UP, BOOTING, DOWN, NONE }

    private final Clock clock;
    private final VirtualFiles files;
    private final Set<Fault> faults;
    private final IntSupplier pids;
    private final Map<String, Credentials> privateRegistries;
    private final boolean gatedModel;
    private final Map<String, Set<String>> logins = new HashMap<>();
    private final Map<String, String> images = new TreeMap<>();
    private final Map<String, SimulatedContainer> containers = new LinkedHashMap<>();
    private final DockerOutput output;

    SimulatedDocker(Clock clock, VirtualFiles files, Set<Fault> faults, IntSupplier pids,
                    Map<String, Credentials> privateRegistries, boolean gatedModel) {
        this.clock = clock;
        this.files = files;
        this.faults = faults;
        this.pids = pids;
        this.privateRegistries = Map.copyOf(privateRegistries);
        this.gatedModel = gatedModel;
        this.output = new DockerOutput(clock);
    }

    synchronized ShellResult command(List<String> args, String user, Supplier<byte[]> stdin) {
        refresh();
        if (args.isEmpty()) {
            return ShellResult.fail(0, "Usage:  docker [OPTIONS] COMMAND\n");
        }
        List<String> rest = args.subList(1, args.size());
        return switch (args.get(0)) {
            case "login" -> new DockerLogin(this).login(rest, user, stdin);
            case "pull" -> rest.isEmpty() ? ShellResult.fail(1, "\"docker pull\" requires exactly 1 argument.\n")
                    : pull(rest.get(rest.size() - 1), user, false);
            case "run" -> run(rest, user);
            case "rm" -> remove(rest);
            case "logs" -> output.logs(rest, containers);
            case "inspect" -> output.inspect(rest, containers);
            case "ps" -> output.ps(rest, containers);
            default -> ShellResult.fail(1, "docker: '" + args.get(0) + "' is not a docker command.\n"
                    + "See 'docker --help'\n");
        };
    }

    synchronized boolean loggedIn(String user, String registry) {
        return logins.getOrDefault(user, Set.of()).contains(registry);
    }

    synchronized void recordLogin(String user, String registry) {
        logins.computeIfAbsent(user, u -> new HashSet<>()).add(registry);
    }

    Optional<Credentials> registryCredentials(String registry) {
        return Optional.ofNullable(privateRegistries.get(registry));
    }

    VirtualFiles files() {
        return files;
    }

    Set<Fault> faults() {
        return faults;
    }

    /** app-crash while containers run: they die and docker's restart policy keeps restarting them. */
    synchronized void crashRunning() {
        containers.values().stream().filter(c -> c.state.equals("running")).forEach(c -> c.crash(AppLogs.appCrash(), clock));
    }

    synchronized Health health(int port, Duration bootDelay) {
        refresh();
        Optional<SimulatedContainer> c = containers.values().stream().filter(x -> x.hostPorts.contains(port)).findFirst();
        if (c.isEmpty()) {
            return Health.NONE;
        }
        if (!c.get().state.equals("running")) {
            return Health.DOWN;
        }
        return c.get().startedAt.plus(bootDelay).isAfter(clock.instant()) ? Health.BOOTING : Health.UP;
    }

    synchronized Optional<String> state(String name) {
        refresh();
        return Optional.ofNullable(containers.get(name)).map(c -> c.state);
    }

    synchronized Optional<Map<String, String>> containerEnv(String name) {
        return Optional.ofNullable(containers.get(name)).map(c -> Map.copyOf(c.env));
    }

    private ShellResult pull(String image, String user, boolean forRun) {
        String ref = ImageRef.normalize(image);
        String registry = ImageRef.registry(ref);
        boolean privateRegistry = privateRegistries.containsKey(registry);
        boolean ghcrRefused = faults.contains(Fault.GHCR_UNAUTHORIZED) && registry.equals("ghcr.io");
        if (ghcrRefused || (privateRegistry && !loggedIn(user, registry))) {
            return ShellResult.fail(1, "Error response from daemon: Head \"" + ImageRef.manifestUrl(ref)
                    + "\": unauthorized\n");
        }
        if (faults.contains(Fault.DISK_FULL)) {
            return new ShellResult(1, output.pullProgress(ref, false), "failed to register layer: write"
                    + " /var/lib/docker/overlay2/" + DockerOutput.hex(ref + "layer", 64)
                    + "/diff/usr/local/lib/python3.11/site-packages/torch/lib/libtorch_cuda.so: no space left on device\n");
        }
        boolean fresh = !images.containsKey(ref);
        images.put(ref, "sha256:" + DockerOutput.hex(ref + clock.millis(), 64));
        String progress = fresh ? output.pullProgress(ref, true) : "";
        String status = fresh ? "Status: Downloaded newer image for " + ref : "Status: Image is up to date for " + ref;
        return ShellResult.ok(progress + "Digest: " + images.get(ref) + "\n" + status + "\n" + (forRun ? "" : ref + "\n"));
    }

    private ShellResult run(List<String> args, String user) {
        RunRequest request;
        try {
            request = RunRequest.parse(args);
        } catch (RunRequest.BadFlag e) {
            return runError(e.getMessage(), "");
        }
        Map<String, String> env = new LinkedHashMap<>(request.env());
        for (String envFile : request.envFiles()) {
            Optional<String> error = readEnvFile(envFile, user, env);
            if (error.isPresent()) {
                return runError(error.get(), "");
            }
        }
        if (request.name() != null && containers.containsKey(request.name())) {
            return runError("Error response from daemon: Conflict. The container name \"/" + request.name()
                    + "\" is already in use by container \"" + containers.get(request.name()).id + "\". You have to"
                    + " remove (or rename) that container to be able to reuse that name", "");
        }
        return create(request, env, user);
    }

    private ShellResult create(RunRequest request, Map<String, String> env, String user) {
        String ref = ImageRef.normalize(request.image());
        String pulled = "";
        if (!images.containsKey(ref)) {
            ShellResult pull = pull(ref, user, true);
            String unable = "Unable to find image '" + request.image() + "' locally\n";
            if (pull.exit() != 0) {
                return runError(pull.stderr().strip().replaceAll("\\.$", ""), unable);
            }
            pulled = unable + pull.stdout();
        }
        if (faults.contains(Fault.DISK_FULL)) {
            return runError("Error response from daemon: mkdir /var/lib/docker/overlay2/" + DockerOutput.hex(ref
                    + "init", 64) + "-init: no space left on device", pulled);
        }
        SimulatedContainer container = new SimulatedContainer(request, ref, env, clock.instant());
        containers.put(container.name, container);
        if (request.gpus() != null && faults.contains(Fault.NO_GPU_RUNTIME)) {
            // the container is created before the runtime refuses to start it, and stays behind as "created"
            return runError("Error response from daemon: could not select device driver \"\" with capabilities:"
                    + " [[gpu]]", pulled);
        }
        start(container);
        return new ShellResult(0, container.id + "\n", pulled);
    }

    /** The docker CLI's run failure: "docker: <message>." then the help hint, exit 125. */
    private static ShellResult runError(String message, String before) {
        return new ShellResult(125, "", before + "docker: " + message + ".\nSee 'docker run --help'.\n");
    }

    private Optional<String> readEnvFile(String path, String user, Map<String, String> env) {
        if (!VirtualFiles.allowed(user, path)) {
            return Optional.of("open " + path + ": permission denied");
        }
        Optional<VirtualFiles.Entry> file = files.file(path);
        if (file.isEmpty()) {
            return Optional.of("open " + path + ": no such file or directory");
        }
        new String(file.get().content(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .forEach(l -> RunRequest.putEnv(env, l));
        return Optional.empty();
    }

    private void start(SimulatedContainer c) {
        c.pid = pids.getAsInt();
        Optional<String> crash = crashLog(c);
        if (crash.isEmpty()) {
            c.running(AppLogs.modelLoading(c.model()) + AppLogs.uvicornStarted(1), clock);
        } else {
            c.crash(crash.get(), clock);
        }
    }

    private Optional<String> crashLog(SimulatedContainer c) {
        if (c.gpus == null) {
            return Optional.of(AppLogs.noNvidiaDriver(1));
        }
        if (faults.contains(Fault.APP_CRASH)) {
            return Optional.of(AppLogs.appCrash());
        }
        boolean tokenMissing = gatedModel && c.env.getOrDefault("HF_TOKEN", "").isBlank();
        if (faults.contains(Fault.HF_TOKEN_MISSING) || tokenMissing) {
            return Optional.of(AppLogs.gatedModel401(c.model(), 1));
        }
        return Optional.empty();
    }

    /** Restart policy at work: a crash-looping container comes up once whatever killed it is gone. */
    private void refresh() {
        containers.values().stream().filter(c -> c.state.equals("restarting")).forEach(c -> {
            if (crashLog(c).isEmpty()) {
                start(c);
            }
        });
    }

    private ShellResult remove(List<String> args) {
        boolean force = args.contains("-f") || args.contains("--force");
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        int exit = 0;
        for (String name : args.stream().filter(a -> !a.startsWith("-")).toList()) {
            SimulatedContainer c = containers.get(name);
            if (c == null) {
                err.append("Error response from daemon: No such container: ").append(name).append('\n');
                // docker ≥ 20.10: rm -f of a missing container reports it but does not fail
                exit = force ? exit : 1;
            } else if (!force && (c.state.equals("running") || c.state.equals("restarting"))) {
                err.append("Error response from daemon: cannot remove container \"/").append(name)
                        .append("\": container is running: stop the container before removing or force remove\n");
                exit = 1;
            } else {
                containers.remove(name);
                out.append(name).append('\n');
            }
        }
        return new ShellResult(exit, out.toString(), err.toString());
    }

    List<String> containerNames() {
        return new ArrayList<>(containers.keySet());
    }
}
