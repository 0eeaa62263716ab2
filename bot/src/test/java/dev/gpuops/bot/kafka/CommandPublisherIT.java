package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/** The publisher against a real broker: acked writes are readable; a broker that dies turns into Failed, not a hang. */
class CommandPublisherIT {

    private static final GpuopsKafkaProperties PROPERTIES =
            new GpuopsKafkaProperties(null, 1, Duration.ofSeconds(2));

    private static CommandReceived restart(String target) {
        return new CommandReceived(Events.newEventId(), Clock.systemUTC().instant(), target,
                Events.newRunId(Clock.systemUTC()), Verb.RESTART, Map.of("program", "worker-gpu"),
                new Origin("slack", "C1", "U1", "alice", "trigger"));
    }

    @Test
    void ackedCommandIsOnTheTopicKeyedByTargetAndABrokerGoneMeansFailed() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Events.COMMANDS_TOPIC);
        broker.brokerListProperty("gpuops.test.brokers");
        CommandPublisher publisher = null;
        try {
            broker.afterPropertiesSet();
            publisher = new CommandPublisher(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()), PROPERTIES);
            CommandReceived command = restart("box-1");

            PublishResult result = publisher.publish(command);

            assertThat(result).isInstanceOf(PublishResult.Acked.class);
            ConsumerRecord<String, byte[]> record = readOne(broker.getBrokersAsString(),
                    ((PublishResult.Acked) result).offset());
            assertThat(record.key()).isEqualTo("box-1");
            assertThat(EventJson.read(record.value())).isEqualTo(command);

            broker.destroy();
            PublishResult afterBrokerDied = publisher.publish(restart("box-1"));
            assertThat(afterBrokerDied).isInstanceOf(PublishResult.Failed.class);
        } finally {
            if (publisher != null) {
                publisher.destroy();
            }
            broker.destroy();
        }
    }

    @Test
    void producerDeadlinesFitInsideTheAckTimeout() {
        Map<String, Object> config = CommandPublisher.producerConfig(Map.of("linger.ms", 20), Duration.ofSeconds(2));
        int delivery = (int) config.get(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG);
        long maxBlock = (long) config.get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        assertThat(maxBlock + delivery).isLessThanOrEqualTo(2000);
        assertThat(delivery).isGreaterThanOrEqualTo((int) config.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG)
                + (int) config.get(ProducerConfig.LINGER_MS_CONFIG));
        assertThat(config).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    }

    private static ConsumerRecord<String, byte[]> readOne(String bootstrap, long offset) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Events.COMMANDS_TOPIC, 0);
            consumer.assign(List.of(partition));
            consumer.seek(partition, offset);
            for (int i = 0; i < 50; i++) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    return record;
                }
            }
            throw new AssertionError("record at offset " + offset + " never arrived");
        }
    }
}
