package dev.gpuops.bot.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The production artifact ({@code bot/target/bot.jar}, built in the package phase before this IT runs) is only
 * gpuops: no simulators, no in-process broker (Kafka server, Scala, Kafka Streams, RocksDB), no test artifacts. The
 * demo build ({@code bot-demo.jar}) carries those. And the slim jar starts far enough to refuse clearly what it
 * cannot do.
 */
class BotJarContentsIT {

    static final Path PRODUCTION = Path.of("target", "bot.jar");
    static final Path DEMO = Path.of("target", "bot-demo.jar");
    static final long MAX_BYTES = 80L * 1024 * 1024;

    /** Entries that must never reach production, with why. */
    static final Map<Pattern, String> FORBIDDEN = Map.of(
            Pattern.compile("BOOT-INF/lib/sandbox-.*\\.jar|BOOT-INF/classes/dev/gpuops/sandbox/.*|dev/gpuops/sandbox/.*"),
            "sandbox simulators",
            Pattern.compile("BOOT-INF/lib/(kafka_2\\.1\\d|kafka-server|kafka-storage|kafka-raft|kafka-metadata"
                    + "|kafka-group-coordinator|kafka-transaction-coordinator|kafka-coordinator-common"
                    + "|kafka-share-coordinator)-.*\\.jar"), "the Kafka broker",
            Pattern.compile("BOOT-INF/lib/scala-.*\\.jar"), "Scala (the broker's runtime)",
            Pattern.compile("BOOT-INF/lib/kafka-streams-.*\\.jar"), "Kafka Streams",
            Pattern.compile("BOOT-INF/lib/rocksdbjni-.*\\.jar"), "RocksDB",
            Pattern.compile("BOOT-INF/lib/.*-tests?\\.jar|BOOT-INF/lib/(spring-kafka-test|kafka-test-common|spring-test"
                    + "|junit-|opentest4j|mockito|assertj)-?.*\\.jar"), "test artifacts");

    @Test
    void productionJarHoldsNoSandboxBrokerOrTestArtifacts() throws IOException {
        List<String> entries = entries(PRODUCTION);
        assertThat(entries).contains("BOOT-INF/lib/kafka-clients-4.2.1.jar")
                .anyMatch(e -> e.startsWith("BOOT-INF/lib/event-handlers-"));
        FORBIDDEN.forEach((pattern, what) -> assertThat(entries)
                .as("%s must not be in the production jar", what)
                .noneMatch(entry -> pattern.matcher(entry).matches()));
        assertThat(Files.size(PRODUCTION)).as("production jar size").isLessThanOrEqualTo(MAX_BYTES);
    }

    @Test
    void demoJarCarriesTheDemoPieces() throws IOException {
        List<String> entries = entries(DEMO);
        assertThat(entries).anyMatch(e -> e.matches("BOOT-INF/lib/sandbox-.*\\.jar"))
                .anyMatch(e -> e.matches("BOOT-INF/lib/spring-kafka-test-.*\\.jar"))
                .anyMatch(e -> e.matches("BOOT-INF/lib/kafka-server-.*\\.jar"));
    }

    @Test
    void productionJarRefusesToStartWithoutConfigurationInsteadOfCrashing() throws Exception {
        String output = run(Map.of());
        assertThat(output).contains("this build has no sandbox").doesNotContain("NoClassDefFoundError");
    }

    @Test
    void productionJarNamesKafkaWhenItIsTheMissingPiece() throws Exception {
        Path targets = Files.createTempFile("bot-jar-it", ".yaml");
        Files.writeString(targets, "targets: {}\n");
        String output = run(Map.of("SLACK_SIGNING_SECRET", "0123456789abcdef0123456789abcdef",
                "SLACK_BOT_TOKEN", "xoxb-1-2-notreal", "GPUOPS_TARGETS_FILE", targets.toString()));
        assertThat(output).contains("KAFKA_BOOTSTRAP_SERVERS is unset and this is the production build")
                .doesNotContain("NoClassDefFoundError").doesNotContain("xoxb-1-2-notreal");
    }

    private static String run(Map<String, String> env) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-jar",
                PRODUCTION.toAbsolutePath().toString()).redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SLACK_") || name.startsWith("KAFKA_")
                || name.startsWith("GPUOPS_") || name.startsWith("AWS_") || name.startsWith("GITHUB_")
                || name.endsWith("_API_KEY") || name.startsWith("GHCR_"));
        builder.environment().put("SERVER_PORT", "0");
        builder.environment().putAll(env);
        Process process = builder.start();
        // a guard against a hang, not a timing assertion: the refusal comes before any server starts
        if (!process.waitFor(3, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("the production jar neither started nor refused within 3 minutes");
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(output).isNotZero();
        return output;
    }

    private static List<String> entries(Path jar) throws IOException {
        assertThat(jar).as("run the package phase first").isRegularFile();
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
