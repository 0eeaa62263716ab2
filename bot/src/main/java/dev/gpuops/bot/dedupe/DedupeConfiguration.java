package dev.gpuops.bot.dedupe;

import dev.gpuops.bot.config.GithubProperties;
import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.kafka.CommandPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * The {@value DurableDedupe#TOPIC} topic and the GitHub ingress' dedupe on it. Another ingress (Slack retries)
 * builds its own {@link DurableDedupe} with {@link #onKafka} and a namespace of its own.
 */
@Configuration(proxyBeanMethods = false)
public class DedupeConfiguration {

    /** Compacted, and deleted after the GitHub delivery memory: the topic stays as bounded as the memory. */
    @Bean
    KafkaAdmin.NewTopics dedupeTopic(GpuopsKafkaProperties kafka, GithubProperties github) {
        return new KafkaAdmin.NewTopics(TopicBuilder.name(DurableDedupe.TOPIC).partitions(kafka.topicPartitions())
                .config("cleanup.policy", "compact,delete")
                .config("retention.ms", Long.toString(github.deliveryMemory().toMillis())).build());
    }

    @Bean(destroyMethod = "close")
    DurableDedupe githubDedupe(KafkaProperties kafka, GpuopsKafkaProperties properties, GithubProperties github,
                               Clock clock) {
        return onKafka("github", kafka, properties, clock, github.deliveryMemory(), github.maxDeliveries());
    }

    @EventListener(ApplicationReadyEvent.class)
    void readBackDedupeKeys(ApplicationReadyEvent ready) {
        ready.getApplicationContext().getBeansOfType(DurableDedupe.class).values()
                .forEach(dedupe -> Thread.ofVirtual().name("gpuops-dedupe-warmup").start(dedupe::warmUp));
    }

    /** A dedupe in {@code namespace} whose Kafka clients carry the same settings, security included, as all others. */
    public static DurableDedupe onKafka(String namespace, KafkaProperties kafka, GpuopsKafkaProperties properties,
                                        Clock clock, Duration ttl, int capacity) {
        Map<String, Object> producer = new HashMap<>(kafka.buildProducerProperties());
        producer.put(ProducerConfig.CLIENT_ID_CONFIG, "gpuops-dedupe-" + namespace);
        return new DurableDedupe(namespace, new KafkaProducer<>(
                CommandPublisher.producerConfig(producer, properties.ackTimeout()), new StringSerializer(),
                new StringSerializer()), new KafkaDedupeLog(kafka.buildConsumerProperties()), clock, ttl,
                capacity, properties.ackTimeout());
    }
}
