package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./gpuops kafka}'s broker as a real separate process: it formats its data dir once, serves clients, and after a
 * stop (SIGTERM) and even a {@code kill -9} starts again on the same data with every record still there.
 */
class StandaloneKafkaIT {

    @TempDir
    Path data;
    private final List<Process> processes = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    @Test
    void keepsEveryRecordAcrossAStopAndAKill9OnTheSameData() throws Exception {
        int port = freePort();
        int controller = freePort();
        String bootstrap = "127.0.0.1:" + port;

        Process first = broker(port, controller);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic("gpuops.runs", 3, (short) 1))).all().get(60, TimeUnit.SECONDS);
        }
        produce(bootstrap, "before-stop");
        first.destroy();
        assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("the broker stops on SIGTERM").isTrue();

        Process second = broker(port, controller);
        produce(bootstrap, "after-restart");
        second.destroyForcibly();
        second.waitFor();

        broker(port, controller);
        List<String> values = readAll(bootstrap, 2);
        System.out.println("[standalone kafka restarts] records kept=" + values.size() + " of 2");
        assertThat(values).containsExactlyInAnyOrder("before-stop", "after-restart");
    }

    private Process broker(int port, int controller) throws Exception {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-cp", classpath(), StandaloneKafka.class.getName(),
                "--port", String.valueOf(port), "--controller-port", String.valueOf(controller),
                "--data", data.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolveSibling(data.getFileName() + ".log")
                        .toFile())).start();
        processes.add(process);
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        while (!listening(port)) {
            assertThat(process.isAlive()).as("the broker process is running").isTrue();
            assertThat(Instant.now()).as("the broker listens within 120 s").isBefore(giveUp);
            Thread.sleep(200);
        }
        return process;
    }

    private static void produce(String bootstrap, String value) throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ProducerConfig.ACKS_CONFIG, "all"),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>("gpuops.runs", "box-1", value)).get(60, TimeUnit.SECONDS);
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG, "it-read",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("gpuops.runs"));
            Instant giveUp = Instant.now().plus(Duration.ofSeconds(60));
            while (values.size() < expected && Instant.now().isBefore(giveUp)) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
        }
        return values;
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String classpath() throws IOException {
        String classpath = System.getProperty("java.class.path");
        String[] entries = classpath.split(File.pathSeparator);
        if (entries.length == 1 && entries[0].contains("surefirebooter")) {
            try (JarFile jar = new JarFile(entries[0])) {
                return Arrays.stream(jar.getManifest().getMainAttributes().getValue("Class-Path").trim().split("\\s+"))
                        .map(url -> Path.of(URI.create(url)).toString()).collect(Collectors.joining(File.pathSeparator));
            }
        }
        return classpath;
    }
}
