package dev.gpuops.monitor;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.common.utils.Utils;

/**
 * Which targets this replica probes: those whose key the default partitioner puts in a partition of
 * {@code gpuops.runs} assigned to this replica in the monitor's consumer group. Kafka's group protocol guarantees
 * each partition has one owner, so each target has one prober; a dead replica's partitions move to the survivors.
 */
public final class Ownership implements Predicate<String> {

    private final Set<Integer> assigned = ConcurrentHashMap.newKeySet();
    private volatile int partitions;

    public static int partitionOf(String target, int partitions) {
        return Utils.toPositive(Utils.murmur2(target.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    void assigned(Set<Integer> added, int partitionCount) {
        partitions = partitionCount;
        assigned.addAll(added);
    }

    void revoked(Set<Integer> removed) {
        assigned.removeAll(removed);
    }

    @Override
    public boolean test(String target) {
        int count = partitions;
        return count > 0 && assigned.contains(partitionOf(target, count));
    }

    public Set<Integer> partitions() {
        return Set.copyOf(assigned);
    }
}
