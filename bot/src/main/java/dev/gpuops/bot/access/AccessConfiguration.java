package dev.gpuops.bot.access;

import com.slack.api.Slack;
import dev.gpuops.access.CachedGroupDirectory;
import dev.gpuops.access.GroupDirectory;
import dev.gpuops.bot.config.SlackProperties;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * User-group expansion for the access policy, shared by the Slack ingress and the handlers (which pick this bean
 * up), so both judge a request alike.
 */
@Configuration(proxyBeanMethods = false)
public class AccessConfiguration {

    /** A group's members are read again after this; a membership change takes effect within it. */
    static final Duration GROUP_CACHE_TTL = Duration.ofMinutes(5);

    @Bean
    GroupDirectory slackGroupDirectory(Slack slack, SlackProperties properties, Clock clock) {
        GroupDirectory slackGroups = properties.hasBotToken()
                ? new SlackGroupDirectory(slack.methods(properties.botToken()))
                : group -> {
                    throw new IllegalStateException("no SLACK_BOT_TOKEN: user group " + group + " cannot be read");
                };
        return new CachedGroupDirectory(slackGroups, clock, GROUP_CACHE_TTL);
    }
}
