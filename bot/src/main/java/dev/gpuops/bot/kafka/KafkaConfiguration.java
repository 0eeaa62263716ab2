package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.event.Events;
import dev.gpuops.bot.notify.ThreadStore;
import dev.gpuops.runstate.RunStateStore;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/** The gpuops topics (created at startup by Spring's {@link KafkaAdmin}) and the command publisher. */
@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    @Bean
    KafkaAdmin.NewTopics gpuopsTopics(GpuopsKafkaProperties properties) {
        int partitions = properties.topicPartitions();
        // dead-letter topics get as many partitions: the recoverer keeps a record's partition number
        return new KafkaAdmin.NewTopics(
                topic(Events.COMMANDS_TOPIC, partitions),
                topic(Events.COMMANDS_TOPIC + Events.DEAD_LETTER_SUFFIX, partitions),
                topic(Events.RUNS_TOPIC, partitions),
                topic(Events.RUNS_TOPIC + Events.DEAD_LETTER_SUFFIX, partitions),
                topic(dev.gpuops.audit.AuditRecord.TOPIC, partitions),
                topic(dev.gpuops.audit.AuditRecord.TOPIC + Events.DEAD_LETTER_SUFFIX, partitions),
                topic(dev.gpuops.monitor.MonitorTopics.INCIDENTS_TOPIC + Events.DEAD_LETTER_SUFFIX, partitions),
                compacted(Events.RUN_STATE_TOPIC, partitions, RunStateStore.RETENTION),
                compacted(ThreadStore.TOPIC, partitions, ThreadStore.RETENTION));
    }

    /** One record per key (run id), and finished keys deleted after the retention: bounded state. */
    private static NewTopic compacted(String name, int partitions, java.time.Duration retention) {
        return TopicBuilder.name(name).partitions(partitions).config(TopicConfig.CLEANUP_POLICY_CONFIG,
                "compact,delete").config(TopicConfig.RETENTION_MS_CONFIG, String.valueOf(retention.toMillis()))
                .build();
    }

    private static NewTopic topic(String name, int partitions) {
        // replication factor left to the broker's default.replication.factor
        return TopicBuilder.name(name).partitions(partitions).build();
    }

    @Bean
    CommandPublisher commandPublisher(KafkaProperties kafka, GpuopsKafkaProperties properties) {
        return new CommandPublisher(kafka.buildProducerProperties(), properties);
    }

    @EventListener(ApplicationReadyEvent.class)
    void warmUpPublisher(ApplicationReadyEvent ready) {
        CommandPublisher publisher = ready.getApplicationContext().getBean(CommandPublisher.class);
        Thread.ofVirtual().name("gpuops-kafka-warmup").start(publisher::warmUp);
    }

    @Bean
    KafkaHealthIndicator kafkaHealthIndicator(KafkaAdmin admin, GpuopsKafkaProperties properties) {
        return new KafkaHealthIndicator(admin.getConfigurationProperties(), properties);
    }

    @Bean
    KafkaListenersHealthIndicator kafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        return new KafkaListenersHealthIndicator(registry);
    }
}
