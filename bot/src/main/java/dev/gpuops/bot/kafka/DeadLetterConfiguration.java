package dev.gpuops.bot.kafka;

import dev.gpuops.kafka.DeadLetters;
import org.springframework.beans.factory.DisposableBean;
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

    /** Boot's listener container factory picks up the one {@link CommonErrorHandler} bean. */
    @Bean
    CommonErrorHandler listenerErrorHandler(KafkaProperties kafka) {
        return new DeadLetteringErrorHandler(new DeadLetters(kafka.buildProducerProperties(), "gpuops-bot-dlt"));
    }

    /**
     * Owns its dead-letter producer, so no second {@link DeadLetters} bean competes with the handlers' own (the
     * commands consumer has its error handler, built in {@code CommandListeners}).
     */
    static final class DeadLetteringErrorHandler extends DefaultErrorHandler implements DisposableBean {

        private final DeadLetters deadLetters;

        DeadLetteringErrorHandler(DeadLetters deadLetters) {
            super(deadLetters.recoverer(), new FixedBackOff(1_000, 2));
            this.deadLetters = deadLetters;
            setCommitRecovered(true);
        }

        @Override
        public void destroy() {
            deadLetters.close();
        }
    }
}
