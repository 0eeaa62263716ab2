package dev.gpuops.bot.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The GitHub webhook.
 *
 * @param webhookSecret  HMAC secret of the webhook ({@code GITHUB_WEBHOOK_SECRET}); unset = every delivery is refused
 * @param deliveryMemory how long a delivery id is remembered; GitHub lets people redeliver for 3 days
 * @param maxDeliveries  how many delivery ids are remembered at most
 */
@Validated
@ConfigurationProperties("gpuops.github")
public record GithubProperties(
        String webhookSecret,
        @DefaultValue("4d") @NotNull Duration deliveryMemory,
        @DefaultValue("100000") @Min(1000) @Max(10_000_000) int maxDeliveries) {

    public boolean hasSecret() {
        return webhookSecret != null && !webhookSecret.isBlank();
    }

    @AssertTrue(message = "delivery-memory must be at least 3 days: GitHub redelivers for 3 days")
    public boolean isDeliveryMemoryLongEnough() {
        return deliveryMemory == null || deliveryMemory.compareTo(Duration.ofDays(3)) >= 0;
    }

    @Override
    public String toString() {
        return "GithubProperties[webhookSecret=" + (hasSecret() ? "***" : "unset") + ", deliveryMemory="
                + deliveryMemory + ", maxDeliveries=" + maxDeliveries + "]";
    }
}
