package dev.gpuops.bot.slack;

import com.slack.api.Slack;
import com.slack.api.methods.response.auth.AuthTestResponse;
import dev.gpuops.bot.config.SlackProperties;
import java.time.Clock;
import java.time.Instant;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * UP when requests can be verified (signing secret set) and the bot token passes {@code auth.test}. The auth.test
 * result is cached for {@code healthCacheTtl} so health probes do not eat into Slack's rate limits. Without a bot
 * token the Web API is unused: UNKNOWN, which does not pull the overall status down.
 */
public class SlackHealthIndicator implements HealthIndicator {

    private final SlackProperties properties;
    private final Slack slack;
    private final Clock clock;
    private Health cached;
    private Instant cachedAt = Instant.MIN;

    public SlackHealthIndicator(SlackProperties properties, Slack slack, Clock clock) {
        this.properties = properties;
        this.slack = slack;
        this.clock = clock;
    }

    @Override
    public synchronized Health health() {
        if (!properties.hasSigningSecret()) {
            return Health.down().withDetail("error", "SLACK_SIGNING_SECRET is not set: every request is refused")
                    .build();
        }
        if (!properties.hasBotToken()) {
            return Health.status(Status.UNKNOWN).withDetail("webApi", "SLACK_BOT_TOKEN is not set").build();
        }
        Instant now = clock.instant();
        if (cached == null || cachedAt.plus(properties.healthCacheTtl()).isBefore(now)) {
            cached = authTest();
            cachedAt = now;
        }
        return cached;
    }

    private Health authTest() {
        try {
            AuthTestResponse response = slack.methods().authTest(r -> r.token(properties.botToken()));
            if (response.isOk()) {
                return Health.up().withDetail("team", String.valueOf(response.getTeam()))
                        .withDetail("botUserId", String.valueOf(response.getUserId()))
                        .withDetail("socketMode", properties.socketMode()).build();
            }
            return Health.down().withDetail("error", "auth.test answered " + response.getError()).build();
        } catch (Exception e) {
            return Health.down().withDetail("error", "auth.test failed: " + e.getClass().getSimpleName()).build();
        }
    }
}
