package dev.gpuops.runstate;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.RunEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunQueued;
import dev.gpuops.event.RunStarted;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Everything on {@code gpuops.runs}, read as a Slack notifier would, plus the counts the crash tests report. */
final class RunLogReader implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<RunEvent> events = new ArrayList<>();

    RunLogReader(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-runs-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(Events.RUNS_TOPIC));
    }

    /** Reads until {@code condition} holds on everything read so far (bounded, generously). */
    List<RunEvent> await(String what, Predicate<List<RunEvent>> condition) {
        Instant giveUp = Instant.now().plus(Duration.ofSeconds(120));
        while (Instant.now().isBefore(giveUp)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                events.add((RunEvent) EventJson.read(record.value()));
            }
            if (condition.test(events)) {
                return List.copyOf(events);
            }
        }
        throw new AssertionError("gave up waiting for " + what + "; the run log has " + events.size()
                + " events: " + events.stream().limit(60).map(e -> e.runId() + ":" + e.getClass().getSimpleName())
                .toList());
    }

    /** Reads what arrives within a short quiet period: anything still coming (a duplicate) is seen. */
    List<RunEvent> settle() {
        int quiet = 0;
        while (quiet < 10) {
            var records = consumer.poll(Duration.ofMillis(200));
            quiet = records.isEmpty() ? quiet + 1 : 0;
            for (ConsumerRecord<String, byte[]> record : records) {
                events.add((RunEvent) EventJson.read(record.value()));
            }
        }
        return List.copyOf(events);
    }

    static Predicate<List<RunEvent>> finished(Collection<String> runIds) {
        return log -> runIds.stream().allMatch(id -> count(log, RunFinished.class, id) > 0);
    }

    static long count(List<RunEvent> log, Class<? extends RunEvent> type, String runId) {
        return log.stream().filter(e -> type.isInstance(e) && e.runId().equals(runId)).count();
    }

    /** runs lost, runs duplicated, threads duplicated (a second RunQueued = a second root message). */
    static String counts(List<RunEvent> log, Collection<String> runIds, long destructiveRepeats) {
        long lost = runIds.stream().filter(id -> count(log, RunFinished.class, id) == 0).count();
        long duplicated = runIds.stream().filter(id -> count(log, RunFinished.class, id) > 1
                || count(log, RunStarted.class, id) > 1).count();
        long threads = runIds.stream().filter(id -> count(log, RunQueued.class, id) > 1).count();
        return "runs lost=" + lost + ", runs duplicated=" + duplicated + ", destructive steps repeated="
                + destructiveRepeats + ", threads duplicated=" + threads;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
