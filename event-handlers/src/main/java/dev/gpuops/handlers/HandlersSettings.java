package dev.gpuops.handlers;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * What the handlers need from the composition root (the bot binds these from its typed configuration).
 *
 * @param targetsFile         the targets YAML file
 * @param runbooksDir         directory whose top-level {@code *.yaml} files are the runbooks
 * @param bootstrapServers    Kafka bootstrap servers for the commands listener, the runs producer and the DLT
 * @param kafkaClientProperties extra Kafka client properties for all three (security.protocol, sasl.*), may be empty
 * @param listenerConcurrency consumers on {@code gpuops.commands}; more than its partitions is pointless
 * @param publishTimeout      how long publishing one run event may wait for Kafka's acknowledgement
 * @param shutdownGrace       how long shutdown waits for running runs to stop after their current step
 */
public record HandlersSettings(Path targetsFile, Path runbooksDir, String bootstrapServers,
                               Map<String, String> kafkaClientProperties, int listenerConcurrency,
                               Duration publishTimeout, Duration shutdownGrace) {

    public HandlersSettings {
        Objects.requireNonNull(targetsFile, "targetsFile");
        Objects.requireNonNull(runbooksDir, "runbooksDir");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        kafkaClientProperties = kafkaClientProperties == null ? Map.of() : Map.copyOf(kafkaClientProperties);
        listenerConcurrency = Math.max(1, listenerConcurrency);
        publishTimeout = publishTimeout == null ? Duration.ofSeconds(15) : publishTimeout;
        shutdownGrace = shutdownGrace == null ? Duration.ofSeconds(30) : shutdownGrace;
    }

    /** The usual settings: one listener, 15 s publish timeout, 30 s shutdown grace. */
    public static HandlersSettings of(Path targetsFile, Path runbooksDir, String bootstrapServers) {
        return new HandlersSettings(targetsFile, runbooksDir, bootstrapServers, Map.of(), 1, null, null);
    }
}
