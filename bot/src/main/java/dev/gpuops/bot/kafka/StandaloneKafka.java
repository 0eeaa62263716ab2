package dev.gpuops.bot.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * {@code ./gpuops kafka [--port 9092] [--controller-port PORT+1] [--data DIR]}: a single-node KRaft broker (broker and
 * controller in one process, the same Kafka the bot embeds) as its own process, keeping its data in DIR, so several
 * {@code ./gpuops run} processes can share it ({@code KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092}) and it can be
 * stopped and started again on the same data. Listens on 127.0.0.1 only: it is for local multi-replica use.
 */
public final class StandaloneKafka {

    private StandaloneKafka() {
    }

    public static void main(String[] args) throws IOException {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("gpuops kafka: " + e.getMessage());
            System.err.println("usage: ./gpuops kafka [--port 9092] [--controller-port PORT+1] [--data DIR]");
            System.exit(2);
            return;
        }
        quietLogs();
        Path config = prepare(options);
        System.out.println("gpuops kafka: broker on 127.0.0.1:" + options.port() + ", data in " + options.data()
                + "\n  use it with KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:" + options.port() + " ./gpuops run");
        kafka.Kafka.main(new String[] {config.toString()});
    }

    /** The broker logs every partition and coordinator step at INFO: keep warnings and errors only. */
    private static void quietLogs() {
        if (org.slf4j.LoggerFactory.getILoggerFactory() instanceof ch.qos.logback.classic.LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }

    /** Writes server.properties into DIR and formats the log directory the first time only. */
    static Path prepare(Options options) throws IOException {
        Path data = Files.createDirectories(options.data());
        Path logs = data.resolve("logs");
        Path config = data.resolve("server.properties");
        Files.writeString(config, serverProperties(options, logs));
        if (!Files.exists(logs.resolve("meta.properties"))) {
            String clusterId = clusterId();
            int status = kafka.tools.StorageTool.execute(new String[] {"format", "--standalone", "-t", clusterId,
                    "-c", config.toString()}, new PrintStream(OutputStream.nullOutputStream()));
            if (status != 0) {
                throw new IllegalStateException("could not format " + logs + " for Kafka (exit " + status + "); "
                        + "remove the directory or choose another --data");
            }
        }
        return config;
    }

    static String serverProperties(Options options, Path logs) {
        String controller = "127.0.0.1:" + options.controllerPort();
        return String.join("\n", List.of(
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=" + controller,
                "listeners=PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://" + controller,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + options.port() + ",CONTROLLER://" + controller,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "log.dirs=" + logs.toAbsolutePath(),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=false")) + "\n";
    }

    private static String clusterId() {
        // Kafka's cluster ids are 16 random bytes, base64url without padding (what StorageTool random-uuid prints)
        UUID uuid = UUID.randomUUID();
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    record Options(int port, int controllerPort, Path data) {

        static Options parse(String[] args) {
            int port = 9092;
            Integer controller = null;
            Path data = Path.of("kafka-data");
            List<String> rest = new ArrayList<>(List.of(args));
            while (!rest.isEmpty()) {
                String flag = rest.removeFirst();
                if (rest.isEmpty()) {
                    throw new IllegalArgumentException("missing value after " + flag);
                }
                String value = rest.removeFirst();
                switch (flag) {
                    case "--port" -> port = port(flag, value);
                    case "--controller-port" -> controller = port(flag, value);
                    case "--data" -> data = Path.of(value);
                    default -> throw new IllegalArgumentException("unknown option " + flag);
                }
            }
            return new Options(port, controller == null ? port + 1 : controller, data.toAbsolutePath());
        }

        private static int port(String flag, String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 1 || port > 65535) {
                    throw new NumberFormatException();
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(flag + " needs a port number (1-65535), got '" + value + "'");
            }
        }
    }
}
