package dev.gpuops.bot.kafka;

import dev.gpuops.kafka.DeadLetters;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

/**
 * One error handler for every listener the bot runs (notifier, read models, incidents, audit): a record a listener
 * cannot use is retried twice, a second apart, then published to {@code <topic>.dlt} with the original bytes, key and
 * spring-kafka's headers naming the consumer group and the exception. Nothing is dropped with only a log line. A
 * record that is not a gpuops event is not retried at all ({@code DeserializationException} is fatal by default).
 */
@Configuration(proxyBeanMethods = false)
public class DeadLetterConfiguration {

    @Bean(destroyMethod = "close")
    DeadLetters botDeadLetters(KafkaProperties kafka) {
        return new DeadLetters(kafka.buildProducerProperties(), "gpuops-bot-dlt");
    }

    /** Boot's listener container factory picks up the one {@link CommonErrorHandler} bean. */
    @Bean
    CommonErrorHandler listenerErrorHandler(DeadLetters botDeadLetters) {
        DefaultErrorHandler handler = new DefaultErrorHandler(botDeadLetters.recoverer(), new FixedBackOff(1_000, 2));
        handler.setCommitRecovered(true);
        return handler;
    }
}
