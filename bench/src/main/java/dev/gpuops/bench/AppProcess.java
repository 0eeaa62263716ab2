package dev.gpuops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The bot as its own JVM ({@code java <flags> -jar bot.jar}), configured through {@code SPRING_APPLICATION_JSON} so
 * the sandbox secrets stay out of the process list. {@link #start} returns once {@code /actuator/health} is UP.
 */
final class AppProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final long readyNanos;
    private final Duration readyCpu;
    private final Path log;

    private AppProcess(Process process, int port, long readyNanos, Duration readyCpu, Path log) {
        this.process = process;
        this.port = port;
        this.readyNanos = readyNanos;
        this.readyCpu = readyCpu;
        this.log = log;
    }

    /** Launches the bot with {@code jvmFlags} and waits until it reports UP; the output goes to {@code log}. */
    static AppProcess start(Path botJar, Path repo, List<String> jvmFlags, Map<String, String> properties, Path log) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(botJar.toString());
        command.add("--server.port=" + port);
        command.add("--server.address=127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("SPRING_APPLICATION_JSON", JsonMapper.builder().build().writeValueAsString(properties));
        long started = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bot (" + command.getFirst() + "): " + e.getMessage(), e);
        }
        long ready = awaitHealthy(process, port, log) - started;
        // CPU the JVM used up to READY (all its threads): unlike the wall time, barely moved by other load on the box
        Duration cpu = process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
        return new AppProcess(process, port, ready, cpu, log);
    }

    private static long awaitHealthy(Process process, int port, Path log) {
        URI health = URI.create("http://127.0.0.1:" + port + "/actuator/health");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited with " + process.exitValue()
                        + " before it was ready; its log is " + log);
            }
            if (up(health)) {
                return System.nanoTime();
            }
            sleep(20);
        }
        process.destroyForcibly();
        throw new IllegalStateException("the bot was not UP within " + READY_TIMEOUT.toSeconds() + " s; see " + log);
    }

    private static boolean up(URI health) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the bot", e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port: " + e.getMessage(), e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    int port() {
        return port;
    }

    URI eventsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    /** Launch → /actuator/health UP, in milliseconds. */
    double readyMillis() {
        return readyNanos / 1e6;
    }

    /** CPU time (user + system, every thread) the bot had used when it was first seen UP; zero where unknown. */
    Duration readyCpu() {
        return readyCpu;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(20));
    }

    /** SIGTERM, then up to {@code grace} for the JVM to exit (writing an AOT cache at exit takes a while). */
    void close(Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
