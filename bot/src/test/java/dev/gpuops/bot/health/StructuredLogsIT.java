package dev.gpuops.bot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.gpuops.bot.GpuopsApplication;
import dev.gpuops.bot.support.SlackApiStub;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * With Spring Boot's structured console logging on ({@code LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs}, the chart's
 * {@code logging.structuredFormat}), a line logged while a command is dispatched is one JSON object carrying the
 * event id, the target and the run id from the MDC. The command is a real record on the in-process broker; it is
 * delivered twice, as Kafka may, so the dispatcher logs that it ignores the redelivery.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(classes = GpuopsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "gpuops.kafka.bootstrap-servers=",
                "gpuops.targets-file=src/test/resources/targets.yaml",
                "gpuops.slack.signing-secret=structured-logs-secret",
                "gpuops.slack.bot-token=" + SlackApiStub.BOT_TOKEN,
                "gpuops.slack.app-token=",
                "logging.structured.format.console=ecs",
                // the test classpath's logback-test.xml would win over Boot's own structured console setup
                "logging.config=classpath:logback-structured-test.xml"})
class StructuredLogsIT {

    private static final SlackApiStub SLACK_API = SlackApiStub.start();

    @Autowired
    Environment environment;

    @DynamicPropertySource
    static void slackApi(DynamicPropertyRegistry registry) {
        registry.add("gpuops.slack.api-url", SLACK_API::baseUrl);
    }

    /**
     * Boot configures logback once per JVM while an earlier test's context is still open (the test context cache);
     * forgetting that lets this context apply its own logging settings, and the next context its own again.
     */
    @BeforeAll
    static void letThisContextConfigureLogging() {
        LoggingSystem.get(StructuredLogsIT.class.getClassLoader()).cleanUp();
    }

    @AfterAll
    static void letTheNextContextConfigureLogging() {
        LoggingSystem.get(StructuredLogsIT.class.getClassLoader()).cleanUp();
    }

    @Test
    void aDispatchLineIsOneJsonObjectWithTheEventIdTargetAndRunId(CapturedOutput output) {
        String runId = "r-" + UUID.randomUUID().toString().substring(0, 8);
        CommandReceived command = new CommandReceived(Events.newEventId(), Instant.now(), "box-1", runId,
                Verb.STATUS, Map.of(), new Origin("slack", "C0BOX1", "U0ALICE", "alice", "trigger"));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, environment.getRequiredProperty("spring.kafka.bootstrap-servers"),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (int delivery = 0; delivery < 2; delivery++) {
                producer.send(new ProducerRecord<>(Events.COMMANDS_TOPIC, command.target(), EventJson.write(command)));
                producer.flush();
            }
        }

        JsonNode line = await().atMost(Duration.ofSeconds(60)).until(
                () -> jsonLine(output, "ignoring redelivered event " + command.eventId()), Optional::isPresent)
                .orElseThrow();

        assertThat(line.has("log.level") ? line.path("log.level").asString() : line.at("/log/level").asString())
                .isEqualTo("INFO");
        assertThat(line.path("eventId").asString()).isEqualTo(command.eventId());
        assertThat(line.path("target").asString()).isEqualTo("box-1");
        assertThat(line.path("runId").asString()).isEqualTo(runId);
        assertThat(line.path("@timestamp").asString()).isNotBlank();
    }

    private static Optional<JsonNode> jsonLine(CapturedOutput output, String message) {
        return output.getOut().lines().filter(l -> l.startsWith("{") && l.contains(message))
                .map(l -> EventJson.mapper().readTree(l)).findFirst();
    }
}
