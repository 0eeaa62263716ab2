package dev.gpuops.bot.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Kafka as gpuops uses it.
 *
 * @param bootstrapServers the cluster ({@code KAFKA_BOOTSTRAP_SERVERS}); blank = start an in-process KRaft broker
 * @param topicPartitions  partitions of the gpuops topics ({@code GPUOPS_TOPIC_PARTITIONS}); targets spread over them
 * @param ackTimeout       how long a command may wait for the broker's ack before the user is told it was not taken;
 *                         Slack wants its answer within 3 s, so keep this well under that
 */
@Validated
@ConfigurationProperties("gpuops.kafka")
public record GpuopsKafkaProperties(
        String bootstrapServers,
        @DefaultValue("3") @Min(1) @Max(1000) int topicPartitions,
        @DefaultValue("2s") @NotNull Duration ackTimeout) {

    /** True when gpuops runs its own broker because no cluster was configured. */
    public boolean embedded() {
        return bootstrapServers == null || bootstrapServers.isBlank();
    }
}
