package dev.gpuops.bot.crash;

import dev.gpuops.bot.GpuopsApplication;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import tools.jackson.databind.json.JsonMapper;

/**
 * The whole bot ({@link GpuopsApplication}: Slack ingress, handlers, notifier) as its own JVM in REAL mode, so a
 * test can {@code kill -9} it. Configured through {@code SPRING_APPLICATION_JSON}, so the sandbox secrets stay out
 * of the process list; {@link #start} returns once {@code /actuator/health/readiness} is UP.
 */
final class BotProcess {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private BotProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static BotProcess start(Map<String, String> properties, Path log) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xss1m", "-cp", classpath(),
                GpuopsApplication.class.getName(), "--server.port=" + port, "--server.address=127.0.0.1");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().put("SPRING_APPLICATION_JSON",
                JsonMapper.builder().build().writeValueAsString(properties));
        BotProcess bot = new BotProcess(builder.start(), port, log);
        bot.awaitReady();
        return bot;
    }

    private void awaitReady() throws InterruptedException {
        URI readiness = URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness");
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the bot exited with " + process.exitValue()
                        + " before it was ready:\n" + tail());
            }
            if (up(readiness)) {
                return;
            }
            Thread.sleep(100);
        }
        process.destroyForcibly().waitFor();
        throw new IllegalStateException("the bot was not ready within " + READY_TIMEOUT + ":\n" + tail());
    }

    private static boolean up(URI uri) throws InterruptedException {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        }
    }

    URI eventsUrl() {
        return URI.create("http://127.0.0.1:" + port + "/slack/events");
    }

    /** SIGKILL: no shutdown hook, no finally block, no last commit. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The test classpath, also when Failsafe hands the forked JVM a manifest-only booter jar. */
    static String classpath() throws IOException {
        String classpath = System.getProperty("java.class.path");
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].endsWith(".jar") && entries[0].contains("booter")) {
            try (JarFile jar = new JarFile(entries[0])) {
                String manifest = jar.getManifest().getMainAttributes().getValue("Class-Path");
                return Arrays.stream(manifest.trim().split("\\s+"))
                        .map(url -> Path.of(URI.create(url)).toString())
                        .collect(Collectors.joining(File.pathSeparator));
            }
        }
        return classpath;
    }
}
