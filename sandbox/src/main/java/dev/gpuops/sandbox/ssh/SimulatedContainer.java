package dev.gpuops.sandbox.ssh;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One container and what its app printed. */
final class SimulatedContainer {

    final String id;
    final String name;
    final String image;
    final String restart;
    final String gpus;
    final List<Integer> hostPorts;
    final List<String> ports;
    final Map<String, String> env;
    final Instant createdAt;
    final List<String> logLines = new ArrayList<>();
    String state = "created";
    int exitCode;
    int pid;
    int restartCount;
    Instant startedAt;
    Instant finishedAt;

    SimulatedContainer(RunRequest request, String image, Map<String, String> env, Instant now) {
        this.id = DockerOutput.hex(image + request.name() + now + System.nanoTime(), 64);
        this.name = request.name() == null ? "sandbox_" + id.substring(0, 8) : request.name();
        this.image = image;
        this.restart = request.restart();
        this.gpus = request.gpus();
        this.hostPorts = request.hostPorts();
        this.ports = List.copyOf(request.ports());
        this.env = Map.copyOf(env);
        this.createdAt = now;
    }

    String model() {
        return env.getOrDefault("MODEL_ID", "black-forest-labs/FLUX.1-schnell");
    }

    void running(String log, Clock clock) {
        state = "running";
        exitCode = 0;
        startedAt = clock.instant();
        log(log);
    }

    /** The app exits 1; with a restart policy docker keeps restarting it (the log shows it more than once). */
    void crash(String log, Clock clock) {
        boolean restarts = !restart.equals("no");
        startedAt = clock.instant();
        finishedAt = clock.instant();
        exitCode = 1;
        state = restarts ? "restarting" : "exited";
        log(log);
        if (restarts) {
            restartCount += 2;
            log(log);
        }
    }

    private void log(String text) {
        text.lines().forEach(logLines::add);
    }
}
