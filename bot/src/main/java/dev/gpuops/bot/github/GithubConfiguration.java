package dev.gpuops.bot.github;

import dev.gpuops.bot.config.GithubProperties;
import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.dedupe.DurableDedupe;
import dev.gpuops.bot.targets.TargetDirectory;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class GithubConfiguration {

    @Bean
    GithubWebhookReceiver githubWebhookReceiver(GithubProperties properties, TargetDirectory targets,
                                                CommandPublisher publisher, RunsView runs, Clock clock,
                                                DurableDedupe githubDedupe) {
        return new GithubWebhookReceiver(new WebhookSignature(properties.webhookSecret()),
                new GithubEventTranslator(targets, clock), publisher, runs,
                githubDedupe);
    }
}
