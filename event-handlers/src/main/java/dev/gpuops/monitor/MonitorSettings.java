package dev.gpuops.monitor;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * What the monitor needs from the composition root.
 *
 * @param checksDir        {@code runbooks/checks}
 * @param tick             how often due probes are looked for (1s)
 * @param intervalOverride one probe interval for every target (the demo's short one), or null for each target's own
 * @param groupHold        how long a failing target waits for others of its provider before its incident opens
 * @param clientId         this replica's Kafka client id (distinct per replica in logs)
 */
public record MonitorSettings(Path checksDir, String bootstrapServers, Map<String, String> kafkaClientProperties,
                              Duration tick, Duration intervalOverride, Duration groupHold, String clientId) {

    public MonitorSettings {
        kafkaClientProperties = kafkaClientProperties == null ? Map.of() : Map.copyOf(kafkaClientProperties);
        tick = tick == null ? Duration.ofSeconds(1) : tick;
        groupHold = groupHold == null ? Duration.ofSeconds(10) : groupHold;
        clientId = clientId == null ? "gpuops-monitor" : clientId;
    }
}
