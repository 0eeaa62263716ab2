package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunOutcome;
import dev.gpuops.sandbox.slack.SandboxSlack;
import dev.gpuops.sandbox.slack.SlackMessage;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier wired as the app will wire it: {@link NotifierConfiguration} plus Boot's Kafka auto-configuration,
 * consuming JSON events from {@code gpuops.runs} on an embedded KRaft broker and writing to the Slack sandbox.
 */
@SpringBootTest(classes = RunEventListenerIT.Wiring.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "spring.kafka.consumer.auto-offset-reset=earliest"
        })
@EmbeddedKafka(partitions = 1, topics = Events.RUNS_TOPIC)
class RunEventListenerIT {

    private static final SandboxSlack SANDBOX = SandboxSlack.start();

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(KafkaAutoConfiguration.class)
    @Import(NotifierConfiguration.class)
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

    @Test
    void runEventsOnTheTopicBecomeASlackThreadEvenAfterAPoisonRecord() throws Exception {
        RunScript run = new RunScript("r-kafka001", SandboxSlack.GPU_OPS);
        List<RunEvent> events = List.of(run.queued(), run.started("restart"), run.stepStarted("restart", 1),
                run.succeeded("restart", 1500), run.finished(RunOutcome.SUCCEEDED, "restarted"));

        kafka.send(Events.RUNS_TOPIC, run.target, "{this is not an event").get(10, TimeUnit.SECONDS);
        for (RunEvent event : events) {
            kafka.send(Events.RUNS_TOPIC, event.target(), EventJson.writeString(event)).get(10, TimeUnit.SECONDS);
        }

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!finished() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        List<SlackMessage> roots = SANDBOX.messages(SandboxSlack.GPU_OPS);
        assertThat(roots).singleElement().satisfies(root ->
                assertThat(root.text()).startsWith(":white_check_mark: restart box-1 worker-gpu — succeeded in 42s (r-kafka001)"));
        // the checklist, then the answer to the requester (the edit of the root notifies nobody)
        assertThat(SANDBOX.replies(SandboxSlack.GPU_OPS, roots.getFirst().ts())).satisfiesExactly(
                status -> assertThat(status.text()).contains(":white_check_mark: `restart` step restart — 1.5s"),
                answer -> assertThat(answer.text()).startsWith("<@U0ONCALL01> :white_check_mark: restart box-1 worker-gpu"));
    }

    private static boolean finished() {
        List<SlackMessage> roots = SANDBOX.messages(SandboxSlack.GPU_OPS);
        return roots.size() == 1 && roots.getFirst().text().startsWith(":white_check_mark:")
                && SANDBOX.replies(SandboxSlack.GPU_OPS, roots.getFirst().ts()).stream()
                .anyMatch(reply -> reply.text().contains("*Result:*"))
                && SANDBOX.replies(SandboxSlack.GPU_OPS, roots.getFirst().ts()).size() >= 2;
    }
}
