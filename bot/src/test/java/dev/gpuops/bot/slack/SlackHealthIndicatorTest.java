package dev.gpuops.bot.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.bot.config.SlackProperties;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class SlackHealthIndicatorTest {

    private static final SlackApiStub API = SlackApiStub.start();

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-20T10:00:00Z"));

    private static SlackProperties properties(String secret, String token) {
        return new SlackProperties(secret, token, API.baseUrl(), null, "/gpu", Duration.ofMinutes(5),
                Duration.ofHours(1), Duration.ofSeconds(60));
    }

    private SlackHealthIndicator indicator(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiUrl());
        return new SlackHealthIndicator(properties, Slack.getInstance(config), clock);
    }

    @Test
    void upWhenTheBotTokenPassesAuthTestAndCachedForTheTtl() {
        SlackHealthIndicator health = indicator(properties("secret", SlackApiStub.BOT_TOKEN));
        assertThat(health.health().getStatus()).isEqualTo(Status.UP);
        int afterFirst = API.authTests();

        assertThat(health.health().getDetails()).containsEntry("team", "gpuops-test");
        assertThat(API.authTests()).as("cached within the ttl").isEqualTo(afterFirst);

        clock.advance(Duration.ofSeconds(61));
        health.health();
        assertThat(API.authTests()).as("asked again after the ttl").isGreaterThan(afterFirst);
    }

    @Test
    void downWhenSlackRejectsTheToken() {
        Health health = indicator(properties("secret", "xoxb-revoked")).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails().get("error").toString()).contains("invalid_auth").doesNotContain("xoxb");
    }

    @Test
    void downWithoutSigningSecretAndUnknownWithoutBotToken() {
        assertThat(indicator(properties("", SlackApiStub.BOT_TOKEN)).health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(indicator(properties("secret", null)).health().getStatus()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void propertiesNeverPrintSecrets() {
        SlackProperties properties = new SlackProperties("s3cr3t", "xoxb-123", "http://x/api", "xapp-1", "/gpu",
                Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofSeconds(60));
        assertThat(properties.toString()).doesNotContain("s3cr3t").doesNotContain("xoxb-123").doesNotContain("xapp-1");
        assertThat(properties.apiUrl()).isEqualTo("http://x/api/");
        assertThat(properties.credentialsGiven()).isTrue();
        assertThat(properties("secret", "").credentialsGiven()).isFalse();
    }
}
