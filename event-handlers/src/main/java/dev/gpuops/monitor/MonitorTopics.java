package dev.gpuops.monitor;

import dev.gpuops.event.Events;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The monitor's topics. {@code gpuops.health} (key = target) carries transitions, is co-partitioned with
 * {@code gpuops.runs}, and is followed whole by every replica (to group a provider's failures).
 * {@code gpuops.incidents} is compacted and keyed by incident id: the latest record of each incident is its state.
 * {@code gpuops.mutes} is compacted and keyed by target: the latest mute or unmute of each target.
 */
public final class MonitorTopics {

    public static final String HEALTH_TOPIC = "gpuops.health";
    public static final String INCIDENTS_TOPIC = "gpuops.incidents";
    /** The latest {@code TargetMuted}/{@code TargetUnmuted} per target (compacted, key = target), read whole by every replica. */
    public static final String MUTES_TOPIC = "gpuops.mutes";
    public static final String GROUP_ID = "gpuops-monitor";

    private MonitorTopics() {
    }

    /** Creates the topics if missing, with as many partitions as {@code gpuops.runs} has. */
    public static void ensure(String bootstrapServers, Map<String, String> clientProperties) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(config)) {
            int partitions = admin.describeTopics(List.of(Events.RUNS_TOPIC)).allTopicNames()
                    .get(30, TimeUnit.SECONDS).get(Events.RUNS_TOPIC).partitions().size();
            create(admin, new NewTopic(HEALTH_TOPIC, partitions, (short) -1));
            create(admin, new NewTopic(INCIDENTS_TOPIC, partitions, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            create(admin, new NewTopic(MUTES_TOPIC, partitions, (short) -1)
                    .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot create the monitor topics (" + Events.RUNS_TOPIC
                    + " must exist first): " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the monitor topics", e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Kafka did not answer within 30s while creating the monitor topics", e);
        }
    }

    private static void create(Admin admin, NewTopic topic) throws InterruptedException, ExecutionException {
        try {
            admin.createTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }
}
