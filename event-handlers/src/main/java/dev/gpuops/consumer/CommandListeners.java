package dev.gpuops.consumer;

import dev.gpuops.kafka.DeadLetters;
import dev.gpuops.event.Events;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.support.ExponentialBackOffWithMaxRetries;

/**
 * Builds the {@code gpuops.commands} listener container. Values arrive as raw bytes, so deserialisation can never
 * fail inside the container; {@link CommandConsumer} decodes them and raises {@link PoisonRecordException}, which the
 * error handler sends to the dead-letter topic at once. Other failures (Kafka briefly unreachable while publishing
 * RunQueued) are retried with backoff a few times and then dead-lettered too, so no partition is ever stuck.
 */
public final class CommandListeners {

    public static final String GROUP_ID = "gpuops-handlers";

    private CommandListeners() {
    }

    public static ConcurrentMessageListenerContainer<String, byte[]> container(
            CommandConsumer consumer, DeadLetters deadLetters, String bootstrapServers,
            Map<String, String> clientProperties, int concurrency) {
        return container(consumer, deadLetters, bootstrapServers, clientProperties, concurrency, List.of(), null);
    }

    /**
     * @param factoryListeners told of every consumer the container creates (the bot's Kafka client metrics)
     * @param ownership        told when partitions (and so targets) move to or away from this process; null for none.
     *                         With it, partitions move cooperatively: a rebalance revokes only what changes hands.
     */
    public static ConcurrentMessageListenerContainer<String, byte[]> container(
            CommandConsumer consumer, DeadLetters deadLetters, String bootstrapServers,
            Map<String, String> clientProperties, int concurrency,
            List<ConsumerFactory.Listener<String, byte[]>> factoryListeners, RunOwnership ownership) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        if (ownership != null) {
            config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG,
                    org.apache.kafka.clients.consumer.CooperativeStickyAssignor.class.getName());
        }
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // a replica killed with -9 holds its targets until its session expires: keep that short (unless configured)
        config.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 3_000);
        DefaultKafkaConsumerFactory<String, byte[]> factory = new DefaultKafkaConsumerFactory<>(config,
                new StringDeserializer(), new ByteArrayDeserializer());
        factoryListeners.forEach(factory::addListener);

        ContainerProperties properties = new ContainerProperties(Events.COMMANDS_TOPIC);
        properties.setGroupId(GROUP_ID);
        properties.setClientId("gpuops-handlers-commands");
        properties.setAckMode(ContainerProperties.AckMode.RECORD);
        properties.setMessageListener(consumer);
        if (ownership != null) {
            properties.setConsumerRebalanceListener(ownership);
        }

        ConcurrentMessageListenerContainer<String, byte[]> container =
                new ConcurrentMessageListenerContainer<>(factory, properties);
        container.setConcurrency(Math.max(1, concurrency));
        container.setCommonErrorHandler(errorHandler(deadLetters));
        return container;
    }

    static DefaultErrorHandler errorHandler(DeadLetters deadLetters) {
        ExponentialBackOffWithMaxRetries backOff = new ExponentialBackOffWithMaxRetries(4);
        backOff.setInitialInterval(1_000);
        backOff.setMultiplier(2.0);
        backOff.setMaxInterval(10_000);
        DefaultErrorHandler handler = new DefaultErrorHandler(deadLetters.recoverer(), backOff);
        handler.addNotRetryableExceptions(PoisonRecordException.class);
        handler.setCommitRecovered(true);
        return handler;
    }
}
