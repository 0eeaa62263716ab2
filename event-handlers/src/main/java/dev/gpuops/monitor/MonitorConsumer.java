package dev.gpuops.monitor;

import dev.gpuops.event.EventJson;
import dev.gpuops.event.Events;
import dev.gpuops.event.GpuopsEvent;
import dev.gpuops.event.RunFinished;
import dev.gpuops.event.RunStarted;
import dev.gpuops.event.TargetMuted;
import dev.gpuops.event.TargetUnmuted;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.RangeAssignor;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monitor's member of the {@code gpuops-monitor} group, subscribed to {@code gpuops.runs} and
 * {@code gpuops.health}. Its partition assignment is the {@link Ownership} of targets; the records it reads are the
 * run log (a run mutes its target). Mutes are on {@code gpuops.mutes}, read whole by every replica. The range
 * assignor gives one replica the same partition numbers of both co-partitioned topics.
 */
public final class MonitorConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MonitorConsumer.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final HealthMonitor monitor;
    private final Ownership ownership = new Ownership();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Runnable afterAssignment = () -> { };

    public MonitorConsumer(String bootstrapServers, Map<String, String> clientProperties, String clientId,
                           HealthMonitor monitor) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, MonitorTopics.GROUP_ID);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        config.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, RangeAssignor.class.getName());
        this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        this.monitor = monitor;
        monitor.ownership(ownership);
        this.thread = Thread.ofPlatform().name("gpuops-monitor-consumer").daemon().unstarted(this::loop);
    }

    public MonitorConsumer start() {
        thread.start();
        return this;
    }

    public Ownership ownership() {
        return ownership;
    }

    /**
     * Runs on the consumer's thread after each assignment, before the records of the new partitions are read: where
     * a replica that took targets over rebuilds what the run log read by the previous owner told it.
     */
    public MonitorConsumer afterAssignment(Runnable hook) {
        this.afterAssignment = hook;
        return this;
    }

    private void loop() {
        consumer.subscribe(List.of(Events.RUNS_TOPIC, MonitorTopics.HEALTH_TOPIC), new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                ownership.revoked(runsPartitions(partitions));
                LOG.info("monitor released partitions {}", runsPartitions(partitions));
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                int count = consumer.partitionsFor(Events.RUNS_TOPIC).size();
                ownership.assigned(runsPartitions(partitions), count);
                LOG.info("monitor owns partitions {} of {}", ownership.partitions(), count);
                try {
                    afterAssignment.run();
                } catch (RuntimeException e) {
                    LOG.warn("monitor could not rebuild the runs in flight after an assignment: {}", e.toString());
                }
            }
        });
        try {
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    handle(record);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                throw e;
            }
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private static java.util.Set<Integer> runsPartitions(Collection<TopicPartition> partitions) {
        return partitions.stream().filter(p -> p.topic().equals(Events.RUNS_TOPIC)).map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }

    private void handle(ConsumerRecord<String, byte[]> record) {
        GpuopsEvent event;
        try {
            event = EventJson.read(record.value());
        } catch (RuntimeException e) {
            LOG.debug("monitor skips an unreadable record at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        try {
            switch (event) {
                case RunStarted started -> monitor.runStarted(started.target(), started.runId());
                case RunFinished finished -> monitor.runFinished(finished.target(), finished.runId());
                case TargetMuted muted -> monitor.mute(muted.target(), muted.until());
                case TargetUnmuted unmuted -> monitor.unmute(unmuted.target());
                default -> {
                }
            }
        } catch (IllegalArgumentException e) {
            LOG.info("monitor ignores {} for a target it does not know: {}", event.getClass().getSimpleName(),
                    e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        ConsumerThreads.stop(consumer, thread);
    }
}
