package dev.gpuops.sandbox.ssh;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** The VM behind a {@link SandboxSshHost}: files, supervisord, docker, the shell, and the active faults. */
final class SimulatedMachine {

    /** What the machine is built from; the public builder fills it in. */
    record Spec(String user, String socketUrl, List<SimulatedSupervisor.ProgramConfig> programs, String restartCommand,
                String statusCommand, Map<String, SimulatedDocker.Credentials> registries, boolean gatedModel,
                int appPort, String healthProgram, Duration firstBootDelay, String gpuName, boolean passwordlessSudo,
                boolean dockerGroup, Clock clock, Map<String, String> files,
                java.util.function.Function<String, java.util.Optional<String>> runtimeImages) {
    }

    final Set<Fault> faults = java.util.Collections.synchronizedSet(EnumSet.noneOf(Fault.class));
    final List<String> commandLog = new CopyOnWriteArrayList<>();
    final VirtualFiles files = new VirtualFiles();
    final SimulatedSupervisor supervisor;
    final SimulatedDocker docker;
    private final ShellInterpreter shell;
    private final Spec spec;

    SimulatedMachine(Spec spec) {
        this.spec = spec;
        AtomicInteger pids = new AtomicInteger(4200);
        supervisor = new SimulatedSupervisor(spec.socketUrl(), spec.programs(), spec.clock(), files, faults,
                pids::incrementAndGet);
        docker = new SimulatedDocker(spec.clock(), files, faults, pids::incrementAndGet, spec.registries(),
                spec.gatedModel());
        shell = new ShellInterpreter(new HostEnvironment(files, supervisor, docker, faults, spec.restartCommand(),
                spec.statusCommand(), spec.gpuName(), spec.passwordlessSudo(), spec.dockerGroup(), spec.clock(),
                new RuntimeImage(spec.runtimeImages())));
        seedFiles();
        supervisor.boot();
    }

    ShellResult execute(String line, String user, Supplier<byte[]> stdin) {
        commandLog.add(line);
        return shell.run(line, new ShellContext(user), stdin);
    }

    void fail(Fault fault) {
        faults.add(fault);
        if (fault == Fault.APP_CRASH) {
            supervisor.crashRunning();
            docker.crashRunning();
        }
    }

    HealthServer.Answer health() {
        return switch (docker.health(spec.appPort(), spec.firstBootDelay())) {
            case UP -> HealthServer.Answer.UP;
            case BOOTING -> HealthServer.Answer.BOOTING;
            case DOWN -> HealthServer.Answer.DOWN;
            // no container publishes the port: the app, if any, runs under supervisord
            case NONE -> supervisor.running(spec.healthProgram()) ? HealthServer.Answer.UP : HealthServer.Answer.DOWN;
        };
    }

    private void seedFiles() {
        for (String dir : List.of("/root", "/home/" + spec.user(), "/tmp", "/var/log", "/workspace", "/dev")) {
            files.mkdirs(dir);
        }
        files.write("/dev/null", new byte[0], 0666, "root");
        for (SimulatedSupervisor.ProgramConfig program : spec.programs()) {
            files.write(program.logFile(), new byte[0], 0644, "root");
        }
        for (String command : new String[] {spec.restartCommand(), spec.statusCommand()}) {
            if (command != null) {
                files.write(command.split(" ")[0], "#!/bin/bash\n# sandbox runtime script\n"
                        .getBytes(StandardCharsets.UTF_8), 0755, "root");
            }
        }
        spec.files().forEach((path, content) -> files.write(path, content.getBytes(StandardCharsets.UTF_8), 0644,
                "root"));
    }
}
