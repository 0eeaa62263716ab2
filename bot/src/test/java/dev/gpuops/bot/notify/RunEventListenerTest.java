package dev.gpuops.bot.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.slack.api.Slack;
import dev.gpuops.event.CommandReceived;
import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.Origin;
import dev.gpuops.event.Verb;
import dev.gpuops.provider.support.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.support.serializer.DeserializationException;

class RunEventListenerTest {

    private final Slack slack = Slack.getInstance();
    // never reaches Slack in these tests: nothing here is a run event
    private final SlackNotifier notifier = new SlackNotifier(slack.methods("xoxb-unused-in-this-test"),
            NotifierSettings.defaults(), Clock.systemUTC(), Sleeper.SYSTEM);
    private final RunEventListener listener = new RunEventListener(notifier);

    @AfterEach
    void stop() throws Exception {
        notifier.close();
        slack.close();
    }

    private static ConsumerRecord<String, Object> record(Object value) {
        return new ConsumerRecord<>(Events.RUNS_TOPIC, 0, 7L, "box-1", value);
    }

    @Test
    void poisonRecordsFailAsNonRetryableDeserializationErrors() {
        assertThatThrownBy(() -> listener.onRecord(record("{not json")))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("not a gpuops event at gpuops.runs-0@7");
        assertThatThrownBy(() -> listener.onRecord(record(42)))
                .isInstanceOf(DeserializationException.class)
                .hasMessageContaining("configure a String or byte[] deserializer");
    }

    @Test
    void ingressEventsAndTombstonesAreNotRendered() {
        CommandReceived command = new CommandReceived(Events.newEventId(), Instant.now(), "box-1", "r-abc", Verb.STATUS,
                Map.of(), new Origin("slack", "C0GPUOPS01", "U1", "alice", "t"));

        listener.onRecord(record(EventJson.writeString(command)));
        listener.onRecord(record(EventJson.writeString(command).getBytes(StandardCharsets.UTF_8)));
        listener.onRecord(record(null));

        assertThat(notifier.activeRuns()).isZero();
    }
}
