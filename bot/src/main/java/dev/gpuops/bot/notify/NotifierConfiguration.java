package dev.gpuops.bot.notify;

import com.slack.api.Slack;
import dev.gpuops.bot.runs.RunLinks;
import dev.gpuops.provider.support.Redactor;
import dev.gpuops.provider.support.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Slack notifier and its Kafka listener. Expects a {@link Slack} bean (pointed at the sandbox in the demo via
 * {@code SlackConfig.setMethodsEndpointUrlPrefix}) and the property {@code gpuops.slack.bot-token}; optional beans:
 * {@link NotifierSettings} (else {@link NotifierSettings#defaults()}, with {@code gpuops.slack.default-channel} if
 * set) and {@link Clock} (else UTC). Requires Kafka listener infrastructure ({@code @EnableKafka}, Boot's default).
 */
@Configuration(proxyBeanMethods = false)
public class NotifierConfiguration {

    /** Thread coordinates on {@code gpuops.slack-threads}, shared by every replica. */
    @Bean(destroyMethod = "close")
    public ThreadStore threadStore(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.keySet().removeIf(key -> key.endsWith("deserializer") || key.equals("group.id"));
        config.put("bootstrap.servers", String.join(",", kafka.getBootstrapServers()));
        return new ThreadStore(config, Duration.ofSeconds(15));
    }

    @Bean(destroyMethod = "close")
    public SlackNotifier slackNotifier(Slack slack, @Value("${gpuops.slack.bot-token}") String botToken,
                                       @Value("${gpuops.slack.default-channel:}") String defaultChannel,
                                       ObjectProvider<NotifierSettings> settings, ObjectProvider<Clock> clock,
                                       ObjectProvider<RunLinks> links, ObjectProvider<ThreadStore> threads) {
        Redactor.register(botToken);
        NotifierSettings chosen = settings.getIfAvailable(() -> NotifierSettings.defaults()
                .withDefaultChannel(defaultChannel.isBlank() ? null : defaultChannel));
        SlackNotifier notifier = new SlackNotifier(slack.methods(botToken), chosen,
                clock.getIfAvailable(Clock::systemUTC), Sleeper.SYSTEM, threads.getIfAvailable());
        links.ifAvailable(known -> {
            notifier.reportPermalinksTo(known::put);
            threads.ifAvailable(store -> known.resolveWith(new ThreadPermalinks(store, slack.methods(botToken))));
        });
        return notifier;
    }

    @Bean
    public RunEventListener runEventListener(SlackNotifier notifier, ObjectProvider<ThreadStore> threads) {
        return new RunEventListener(notifier, threads.getIfAvailable());
    }
}
