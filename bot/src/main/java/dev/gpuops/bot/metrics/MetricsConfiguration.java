package dev.gpuops.bot.metrics;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.util.http.SlackHttpClient;
import dev.gpuops.bot.slack.GpuCommand;
import dev.gpuops.bot.targets.TargetDirectory;
import io.micrometer.core.instrument.MeterRegistry;
import okhttp3.OkHttpClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.MicrometerConsumerListener;

/**
 * gpuops' own metrics, exported with everything else at {@code /actuator/prometheus}. Spring Boot already binds the
 * Kafka client metrics of its own factories (the notifier and read models); the handlers' command consumer builds its
 * own factory, so it gets the same Micrometer listener here, which is where its consumer lag comes from.
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean
    CommandMetrics commandMetrics(MeterRegistry registry, ObjectProvider<GpuCommand> command) {
        CommandMetrics metrics = new CommandMetrics(registry);
        command.ifAvailable(gpu -> gpu.observe(metrics));
        return metrics;
    }

    @Bean
    MonitorMetrics monitorMetrics(MeterRegistry registry, ObjectProvider<dev.gpuops.monitor.MonitorRuntime> monitor) {
        return new MonitorMetrics(registry, monitor.getIfAvailable());
    }

    @Bean
    RunMetrics runMetrics(MeterRegistry registry, TargetDirectory targets) {
        return new RunMetrics(registry, targets);
    }

    @Bean
    RunMetricsListener runMetricsListener(RunMetrics metrics) {
        return new RunMetricsListener(metrics);
    }

    @Bean(destroyMethod = "close")
    ProviderRequestMeter providerRequestMeter(MeterRegistry registry) {
        return new ProviderRequestMeter(registry);
    }

    @Bean
    FilterRegistrationBean<SlackAckTimer> slackAckTimer(MeterRegistry registry) {
        FilterRegistrationBean<SlackAckTimer> filter = new FilterRegistrationBean<>(new SlackAckTimer(registry));
        filter.addUrlPatterns("/slack/events");
        // outermost, so the signature check is part of the measured ack
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return filter;
    }

    @Bean
    ConsumerFactory.Listener<String, byte[]> handlersConsumerMetrics(MeterRegistry registry) {
        return new MicrometerConsumerListener<>(registry);
    }

    /** Counts every Slack Web API call made through the {@link Slack} bean (notifier, health check, Bolt). */
    @Bean
    static BeanPostProcessor slackApiCallMetrics(ObjectProvider<MeterRegistry> registry) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (!(bean instanceof Slack slack)) {
                    return bean;
                }
                // the same configuration, on an HTTP client that counts every response
                SlackConfig config = slack.getConfig();
                OkHttpClient metered = SlackHttpClient.buildOkHttpClient(config).newBuilder()
                        .addInterceptor(new SlackApiCallMeter(registry.getObject())).build();
                SlackHttpClient http = new SlackHttpClient(metered);
                http.setConfig(config);
                return Slack.getInstance(config, http);
            }
        };
    }
}
