package dev.gpuops.bot;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** The gpuops bot: Slack and GitHub ingress, Kafka, and (once wired) the handlers and the Slack notifier. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class GpuopsApplication {

    public static void main(String[] args) {
        dev.gpuops.bot.kafka.StopBeforeExit.installIfEmbedded(SpringApplication.run(GpuopsApplication.class, args));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
