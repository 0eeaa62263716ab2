package dev.gpuops.bot.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How much work may wait for one target.
 *
 * @param maxPerTarget runs that may wait behind a target's running one ({@code GPUOPS_MAX_QUEUED_PER_TARGET});
 *                     one more is refused and its requester told the target is busy
 */
@Validated
@ConfigurationProperties("gpuops.queue")
public record QueueProperties(@DefaultValue("20") @Min(1) @Max(10_000) int maxPerTarget) {
}
