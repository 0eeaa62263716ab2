package dev.gpuops.bot;

import dev.gpuops.bot.access.AccessConfiguration;
import dev.gpuops.bot.audit.AuditConfiguration;
import dev.gpuops.bot.config.GithubProperties;
import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.config.GpuopsProperties;
import dev.gpuops.bot.config.IngressProperties;
import dev.gpuops.bot.config.KafkaSecurityProperties;
import dev.gpuops.bot.config.QueueProperties;
import dev.gpuops.bot.config.SlackProperties;
import dev.gpuops.bot.dedupe.DedupeConfiguration;
import dev.gpuops.bot.github.GithubConfiguration;
import dev.gpuops.bot.github.GithubWebhookController;
import dev.gpuops.bot.incident.IncidentConfiguration;
import dev.gpuops.bot.ingress.IngressGuardConfiguration;
import dev.gpuops.bot.ingress.IngressServingConfiguration;
import dev.gpuops.bot.kafka.DeadLetterConfiguration;
import dev.gpuops.bot.kafka.KafkaConfiguration;
import dev.gpuops.bot.kafka.KafkaSecurityConfiguration;
import dev.gpuops.bot.metrics.MetricsConfiguration;
import dev.gpuops.bot.notify.NotifierConfiguration;
import dev.gpuops.bot.runs.RunsConfiguration;
import dev.gpuops.bot.sandbox.DemoController;
import dev.gpuops.bot.slack.SlackConfiguration;
import dev.gpuops.bot.wiring.HandlersWiring;
import dev.gpuops.bot.wiring.ProviderProperties;
import dev.gpuops.bot.wiring.StartupPreloads;
import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The gpuops bot: Slack and GitHub ingress, Kafka, the handlers and the Slack notifier.
 * <p>
 * Its configuration classes and properties are listed, not scanned: the two classpath scans of {@code dev.gpuops.bot}
 * ({@code @ComponentScan}, {@code @ConfigurationPropertiesScan}) read every class file of the module at each start
 * (~0.3 s of a 2-core box's start-up). {@code ApplicationCompositionTest} fails when a new {@code @Configuration},
 * controller or {@code @ConfigurationProperties} class under {@code dev.gpuops.bot} is missing here.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({AccessConfiguration.class, AuditConfiguration.class, DedupeConfiguration.class, GithubConfiguration.class,
        GithubWebhookController.class, IncidentConfiguration.class, IngressGuardConfiguration.class,
        IngressServingConfiguration.class, DeadLetterConfiguration.class, KafkaConfiguration.class,
        KafkaSecurityConfiguration.class,
        MetricsConfiguration.class, NotifierConfiguration.class, RunsConfiguration.class, DemoController.class,
        SlackConfiguration.class, HandlersWiring.class})
@EnableConfigurationProperties({GithubProperties.class, GpuopsKafkaProperties.class, GpuopsProperties.class,
        IngressProperties.class, KafkaSecurityProperties.class, QueueProperties.class, SlackProperties.class,
        ProviderProperties.class})
public class GpuopsApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(GpuopsApplication.class);
        // loads the slow, self-contained parts (sshj, the failure catalog) on the second core during the refresh
        application.addInitializers(new StartupPreloads());
        dev.gpuops.bot.kafka.StopBeforeExit.installIfEmbedded(application.run(args));
    }

    @Bean
    @ConditionalOnMissingBean
    Clock clock() {
        return Clock.systemUTC();
    }
}
