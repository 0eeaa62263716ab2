package dev.gpuops.bot.config;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Slack app.
 *
 * @param signingSecret  verifies that requests come from Slack ({@code SLACK_SIGNING_SECRET})
 * @param botToken       {@code xoxb-} token for the Web API ({@code SLACK_BOT_TOKEN}); Bolt checks it with auth.test
 * @param apiUrl         Web API base URL with trailing slash ({@code SLACK_API_URL})
 * @param appToken       {@code xapp-} token ({@code SLACK_APP_TOKEN}); set = also connect over Socket Mode
 * @param command        the slash command gpuops answers
 * @param maxClockSkew   requests whose timestamp is further than this from now, either way, are refused (replays)
 * @param triggerMemory  how long a slash command's trigger id is remembered so a Slack retry never runs twice
 * @param healthCacheTtl how long one auth.test result stands for the health check
 */
@Validated
@ConfigurationProperties("gpuops.slack")
public record SlackProperties(
        String signingSecret,
        String botToken,
        @DefaultValue("https://slack.com/api/") @NotBlank String apiUrl,
        String appToken,
        @DefaultValue("/gpu") @Pattern(regexp = "/[a-z0-9_-]{1,31}") String command,
        @DefaultValue("5m") @NotNull Duration maxClockSkew,
        @DefaultValue("1h") @NotNull Duration triggerMemory,
        @DefaultValue("60s") @NotNull Duration healthCacheTtl) {

    public SlackProperties {
        apiUrl = apiUrl == null || apiUrl.endsWith("/") ? apiUrl : apiUrl + "/";
    }

    /** Whether real Slack credentials were given (signing secret and bot token); false = the sandbox stands in. */
    public boolean credentialsGiven() {
        return hasText(signingSecret) && hasText(botToken);
    }

    public boolean hasSigningSecret() {
        return hasText(signingSecret);
    }

    public boolean hasBotToken() {
        return hasText(botToken);
    }

    public boolean socketMode() {
        return hasText(appToken);
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "SlackProperties[apiUrl=" + apiUrl + ", command=" + command
                + ", signingSecret=" + (hasSigningSecret() ? "***" : "unset")
                + ", botToken=" + (hasBotToken() ? "***" : "unset")
                + ", appToken=" + (socketMode() ? "***" : "unset") + "]";
    }
}
