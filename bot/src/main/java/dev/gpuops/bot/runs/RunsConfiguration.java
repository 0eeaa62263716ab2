package dev.gpuops.bot.runs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RunsConfiguration {

    @Bean
    RunsView runsView() {
        return new RunsView(500);
    }

    /** Thread permalinks for /gpu runs; the Slack notifier fills it when it runs in this process. */
    @Bean
    RunLinks runLinks() {
        return new RunLinks(500);
    }

    @Bean
    RunsListener runsListener(RunsView view) {
        return new RunsListener(view);
    }
}
