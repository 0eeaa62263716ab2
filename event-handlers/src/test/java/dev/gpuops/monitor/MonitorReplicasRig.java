package dev.gpuops.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.target.Targets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * What the monitor-replica ITs ({@link MonitorReplicasIT}, {@link ProviderGroupingIT}) share: a real KRaft broker,
 * whole monitor runtimes as replicas on it (fast probe rounds and flushes), a reader of the incidents and health
 * topics, and bounded waits.
 */
final class MonitorReplicasRig implements AutoCloseable {

    private final Path dir;
    private final int partitions;
    private final EmbeddedKafkaKraftBroker broker;
    private final List<AutoCloseable> closing = new ArrayList<>();

    MonitorReplicasRig(Path dir, int partitions) {
        this.dir = dir;
        this.partitions = partitions;
        broker = new EmbeddedKafkaKraftBroker(1, partitions, Events.COMMANDS_TOPIC, Events.RUNS_TOPIC);
        broker.afterPropertiesSet();
    }

    /** Closes {@code closeable} with the rig (last in, first out), before the broker. */
    <T extends AutoCloseable> T closeLater(T closeable) {
        closing.add(closeable);
        return closeable;
    }

    /** A started replica: checks from the rig's dir, probes every 100 ms, flushes every 250 ms. */
    MonitorRuntime replica(Targets targets, Services services, Duration groupHold, String clientId)
            throws InterruptedException {
        MonitorSettings settings = new MonitorSettings(dir, broker.getBrokersAsString(), Map.of(),
                Duration.ofMillis(100), Duration.ofMillis(250), groupHold, clientId);
        return closeLater(new MonitorRuntime(settings, targets, services, Clock.systemUTC())).start();
    }

    /** Stops a replica as a crash-free shutdown would (it leaves the group). */
    void stop(MonitorRuntime replica) {
        replica.close();
        closing.remove(replica);
    }

    /** Until both replicas own some of the partitions and together all of them. */
    void awaitSplit(MonitorRuntime a, MonitorRuntime b) throws InterruptedException {
        await(() -> a.ownership().partitions().size() + b.ownership().partitions().size() == partitions
                && !a.ownership().partitions().isEmpty() && !b.ownership().partitions().isEmpty());
    }

    /** A consumer of the incidents and health topics from their beginning. */
    KafkaConsumer<String, byte[]> reader() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ConsumerConfig.GROUP_ID_CONFIG, "it-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(MonitorTopics.INCIDENTS_TOPIC, MonitorTopics.HEALTH_TOPIC));
        return consumer;
    }

    static void drain(KafkaConsumer<String, byte[]> reader, List<GpuopsEvent> seen) {
        for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(300))) {
            seen.add(EventJson.read(record.value()));
        }
    }

    /** Reads into {@code seen} until {@code done} (60 s at most). */
    static void awaitEvents(KafkaConsumer<String, byte[]> reader, List<GpuopsEvent> seen, BooleanSupplier done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            assertThat(System.nanoTime()).as("events did not arrive: " + seen).isLessThan(deadline);
            drain(reader, seen);
        }
    }

    /** Until {@code condition} holds (90 s at most). */
    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not reached in time").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : closing.reversed()) {
            try {
                c.close();
            } catch (Exception e) {
                // close the rest; the broker must go down
            }
        }
        broker.destroy();
    }
}
