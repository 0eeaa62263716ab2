package dev.gpuops.bot.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.bot.notify.NotifierConfiguration;
import dev.gpuops.event.Events;
import dev.gpuops.sandbox.slack.SandboxSlack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A record on {@code gpuops.runs} that is not a gpuops event is not lost with a log line: the notifier's listener,
 * wired with the bot's one error handler, hands it to {@code gpuops.runs.dlt} with its bytes, key, consumer group
 * and the reason, and goes on.
 */
@SpringBootTest(classes = ListenerDeadLettersIT.Wiring.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@EmbeddedKafka(partitions = 1, topics = {Events.RUNS_TOPIC, Events.RUNS_TOPIC + Events.DEAD_LETTER_SUFFIX})
class ListenerDeadLettersIT {

    private static final SandboxSlack SANDBOX = SandboxSlack.start();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(KafkaAutoConfiguration.class)
    @Import({NotifierConfiguration.class, DeadLetterConfiguration.class})
    static class Wiring {

        @Bean
        Slack slack() {
            SlackConfig config = new SlackConfig();
            config.setMethodsEndpointUrlPrefix(SANDBOX.apiUrl());
            return Slack.getInstance(config);
        }
    }

    @DynamicPropertySource
    static void slack(DynamicPropertyRegistry registry) {
        registry.add("gpuops.slack.bot-token", SANDBOX::botToken);
    }

    @AfterAll
    static void stopSandbox() {
        SANDBOX.close();
    }

    @Autowired
    private KafkaTemplate<String, String> kafka;

    @Value("${spring.embedded.kafka.brokers}")
    private String brokers;

    @Test
    void aRecordTheNotifierCannotReadGoesToTheDeadLetterTopicWithTheReason() throws Exception {
        String poison = "{\"type\":\"RunQueued\", this is cut off";
        kafka.send(Events.RUNS_TOPIC, "box-1", poison).get(10, TimeUnit.SECONDS);

        ConsumerRecord<String, byte[]> dead = firstDeadLetter();

        assertThat(dead.key()).isEqualTo("box-1");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo(poison);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_TOPIC)).isEqualTo(Events.RUNS_TOPIC);
        assertThat(header(dead, KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP)).isEqualTo("gpuops-notifier");
        assertThat(header(dead, KafkaHeaders.DLT_EXCEPTION_MESSAGE)).contains("not a gpuops event");
    }

    private ConsumerRecord<String, byte[]> firstDeadLetter() {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "dlt-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Events.RUNS_TOPIC + Events.DEAD_LETTER_SUFFIX));
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (seen.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(seen::add);
            }
            assertThat(seen).as("a dead letter within 60 s").isNotEmpty();
            return seen.getFirst();
        }
    }

    private static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
