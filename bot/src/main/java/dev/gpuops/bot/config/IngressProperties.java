package dev.gpuops.bot.config;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Limits applied to {@code /slack/events} and {@code /github/webhook} before a byte of the body is read.
 *
 * @param slackMaxBody      largest Slack request body; at most 1 MiB, which is also where the Slack filter stops reading
 * @param githubMaxBody     largest GitHub delivery (GitHub caps payloads at 25 MB); the controller reads no further
 * @param largeBody         a body longer than this, or of unknown length (chunked), needs a large-body permit
 * @param maxLargeBodies    how many large bodies are read at the same time; more get 503 with Retry-After
 * @param retryAfterSeconds the Retry-After of that 503
 */
@Validated
@ConfigurationProperties("gpuops.ingress")
public record IngressProperties(
        @DefaultValue("1048576") @Min(1024) @Max(1048576) long slackMaxBody,
        @DefaultValue("26214400") @Min(1024) @Max(104857600) long githubMaxBody,
        @DefaultValue("65536") @Min(0) long largeBody,
        @DefaultValue("4") @Min(1) @Max(1000) int maxLargeBodies,
        @DefaultValue("5") @Min(1) @Max(3600) int retryAfterSeconds) {
}
