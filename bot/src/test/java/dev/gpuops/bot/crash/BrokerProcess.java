package dev.gpuops.bot.crash;

import dev.gpuops.bot.kafka.StandaloneKafka;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** {@code ./gpuops kafka} ({@link StandaloneKafka}) as its own JVM on a given port and data dir, to kill -9. */
final class BrokerProcess {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(2);

    private final Process process;

    private BrokerProcess(Process process) {
        this.process = process;
    }

    static BrokerProcess start(int port, int controllerPort, Path data, Path log)
            throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", BotProcess.classpath(), StandaloneKafka.class.getName(),
                "--port", String.valueOf(port), "--controller-port", String.valueOf(controllerPort),
                "--data", data.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!listening(port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly().waitFor();
                throw new IllegalStateException("the broker did not listen on " + port + "; see " + log);
            }
            Thread.sleep(100);
        }
        return new BrokerProcess(process);
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    boolean alive() {
        return process.isAlive();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
