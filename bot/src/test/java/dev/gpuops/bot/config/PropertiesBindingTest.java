package dev.gpuops.bot.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class PropertiesBindingTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties({GpuopsProperties.class, GpuopsKafkaProperties.class, SlackProperties.class,
            GithubProperties.class})
    static class Bound {
    }

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withUserConfiguration(Bound.class)
            .withPropertyValues("gpuops.targets-file=targets.yaml");

    @Test
    void defaultsApplyWhenOnlyTheTargetsFileIsGiven() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            GpuopsKafkaProperties kafka = context.getBean(GpuopsKafkaProperties.class);
            assertThat(kafka.embedded()).isTrue();
            assertThat(kafka.topicPartitions()).isEqualTo(3);
            assertThat(kafka.ackTimeout()).isEqualTo(Duration.ofSeconds(2));
            SlackProperties slack = context.getBean(SlackProperties.class);
            assertThat(slack.apiUrl()).isEqualTo("https://slack.com/api/");
            assertThat(slack.command()).isEqualTo("/gpu");
            assertThat(slack.credentialsGiven()).isFalse();
            assertThat(context.getBean(GithubProperties.class).deliveryMemory()).isEqualTo(Duration.ofDays(4));
            GpuopsProperties paths = context.getBean(GpuopsProperties.class);
            assertThat(paths.targetsPath()).isEqualTo(Path.of("targets.yaml"));
            assertThat(paths.runbooksPath()).isNull();
        });
    }

    @Test
    void invalidValuesFailStartupNamingTheProperty() {
        runner.withPropertyValues("gpuops.kafka.topic-partitions=0").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("topicPartitions"));
        runner.withPropertyValues("gpuops.github.delivery-memory=1d").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("at least 3 days"));
        runner.withPropertyValues("gpuops.slack.command=gpu").run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("command"));
        new ApplicationContextRunner().withUserConfiguration(Bound.class).run(context ->
                assertThat(context).getFailure().hasStackTraceContaining("targetsFile"));
    }

    @Test
    void realSlackCredentialsAreRecognised() {
        runner.withPropertyValues("gpuops.slack.signing-secret=s", "gpuops.slack.bot-token=xoxb-1",
                "gpuops.slack.api-url=http://127.0.0.1:9/api").run(context -> {
            SlackProperties slack = context.getBean(SlackProperties.class);
            assertThat(slack.credentialsGiven()).isTrue();
            assertThat(slack.apiUrl()).isEqualTo("http://127.0.0.1:9/api/");
        });
    }
}
