package dev.gpuops.bot.kafka;

import java.util.Map;
import java.util.TreeMap;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * UP when every Kafka listener container is running and in its expected state. Assigned partitions are reported
 * but not required: with more bot instances than partitions some consumers are legitimately idle.
 */
public class KafkaListenersHealthIndicator implements HealthIndicator {

    private final KafkaListenerEndpointRegistry registry;

    public KafkaListenersHealthIndicator(KafkaListenerEndpointRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Health health() {
        Map<String, String> states = new TreeMap<>();
        boolean allRunning = true;
        for (MessageListenerContainer container : registry.getAllListenerContainers()) {
            boolean running = container.isRunning() && container.isInExpectedState();
            allRunning &= running;
            var assigned = container.getAssignedPartitions();
            states.put(container.getListenerId(), running
                    ? "running, " + (assigned == null ? 0 : assigned.size()) + " partitions assigned"
                    : "stopped");
        }
        return (allRunning ? Health.up() : Health.down()).withDetail("containers", states).build();
    }
}
