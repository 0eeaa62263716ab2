package dev.gpuops.bot.runs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class RunsConfiguration {

    @Bean
    RunsView runsView() {
        return new RunsView(500);
    }

    @Bean
    RunsListener runsListener(RunsView view) {
        return new RunsListener(view);
    }
}
