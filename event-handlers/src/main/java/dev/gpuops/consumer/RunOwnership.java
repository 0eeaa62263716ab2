package dev.gpuops.consumer;

import dev.gpuops.event.Events;
import dev.gpuops.runbook.engine.TargetRunScheduler;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;

/**
 * Only the owner of a target's partition of {@code gpuops.commands} runs that target's runs. When partitions are
 * revoked (another replica joined, or this one stops) their targets are released before the offsets are committed:
 * queued runs are left to the next owner and a running run stops after its current step (up to the shutdown
 * grace). When partitions are assigned, their targets' unfinished runs are rebuilt before any new command of theirs
 * is read, so recovered runs keep their place in the queue.
 */
public final class RunOwnership implements ConsumerAwareRebalanceListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunOwnership.class);
    private static final int RECOVERY_ATTEMPTS = 3;

    private final TargetRunScheduler scheduler;
    private final RunRecovery recovery;

    public RunOwnership(TargetRunScheduler scheduler, RunRecovery recovery) {
        this.scheduler = scheduler;
        this.recovery = recovery;
    }

    /** The partition the default Kafka partitioner gives a record keyed by {@code target}. */
    public static int partitionOf(String target, int partitions) {
        return Utils.toPositive(Utils.murmur2(target.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Predicate<String> released = owned(consumer, partitions);
        if (released != null) {
            LOG.info("releasing the targets of {}", partitions);
            scheduler.release(released);
        }
    }

    @Override
    public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        onPartitionsRevokedBeforeCommit(consumer, partitions);
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Predicate<String> owned = owned(consumer, partitions);
        if (owned == null) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                int recovered = recovery.recover(owned);
                LOG.info("took over {}: {} unfinished run(s) recovered", partitions, recovered);
                return;
            } catch (RuntimeException e) {
                if (attempt >= RECOVERY_ATTEMPTS) {
                    LOG.error("could not rebuild the unfinished runs of {} after {} attempts; they are recovered at "
                            + "the next assignment or restart. Check that Kafka is reachable", partitions, attempt, e);
                    return;
                }
                LOG.warn("rebuilding the unfinished runs of {} failed (attempt {}): {}; trying again", partitions,
                        attempt, e.getMessage());
                pause(attempt);
            }
        }
    }

    private static void pause(int attempt) {
        try {
            Thread.sleep(1000L * attempt);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Predicate<String> owned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Set<Integer> numbers = partitions.stream().filter(p -> p.topic().equals(Events.COMMANDS_TOPIC))
                .map(TopicPartition::partition).collect(Collectors.toSet());
        if (numbers.isEmpty()) {
            return null;
        }
        int count = consumer.partitionsFor(Events.COMMANDS_TOPIC).size();
        return target -> numbers.contains(partitionOf(target, count));
    }
}
