package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A normal stop of a gpuops that carries its in-process broker (the demo): a separate JVM, stopped with SIGTERM as
 * {@code ./gpuops demo} and Ctrl-C do. It exits 0 (the JVM's own SIGTERM exit is 143, so 0 proves the handler ran)
 * and prints no ERROR line and no stack trace, with the broker's loggers at their normal levels.
 */
class StopBeforeExitIT {

    @Test
    void sigtermStopsTheAppThenTheBrokerWithoutAnError(@TempDir Path dir) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path log = dir.resolve("child.log");
        // a file, not a pipe: Process.destroy() closes the pipes, and the stop is what this test reads
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                DemoBroker.class.getName()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            for (int i = 0; i < 1200 && child.isAlive() && !output(log).contains("READY "); i++) {
                Thread.sleep(100);
            }
            assertThat(output(log)).as("child started").contains("READY ");

            child.toHandle().destroy(); // SIGTERM, as ./gpuops demo's trap and a container stop send

            assertThat(child.waitFor(120, TimeUnit.SECONDS)).as("child stopped: %s", output(log)).isTrue();
            String output = output(log);
            assertThat(child.exitValue()).as("exit code, output:\n%s", output).isZero();
            assertThat(output).contains("SIGTERM: stopping gpuops, then its in-process broker");
            assertThat(output.lines().toList()).as(output)
                    .noneMatch(line -> line.contains(" ERROR ") || line.startsWith("\tat ")
                            || line.contains("Exception"));
        } finally {
            child.destroyForcibly();
        }
    }

    private static String output(Path log) throws java.io.IOException {
        return java.nio.file.Files.exists(log) ? java.nio.file.Files.readString(log, StandardCharsets.UTF_8) : "";
    }

    /** The child: the in-process broker as the demo starts it, some data on it, then it waits to be stopped. */
    public static final class DemoBroker {

        public static void main(String[] args) throws Exception {
            GenericApplicationContext context = new GenericApplicationContext();
            new EmbeddedKafkaInitializer().initialize(context);
            context.refresh();
            StopBeforeExit.installIfEmbedded(context);
            String servers = context.getEnvironment().getProperty("spring.kafka.bootstrap-servers");
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(java.util.Map.of(
                    "bootstrap.servers", servers), new StringSerializer(), new StringSerializer())) {
                for (int i = 0; i < 100; i++) {
                    producer.send(new ProducerRecord<>("gpuops.stop-test", "k" + i, "v" + i)).get();
                }
            }
            System.out.println("READY " + servers);
            System.out.flush();
            Thread.sleep(Long.MAX_VALUE);
        }
    }
}
