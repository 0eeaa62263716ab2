package dev.gpuops.runstate;

import dev.gpuops.event.Events;
import java.util.Map;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The KRaft broker of the crash ITs ({@link HandlersCrashIT}, {@link ChaosKillIT}) and the Kafka client settings
 * their {@link HandlerProcess} children use. Time is scaled: a replica killed with -9 holds its targets until its
 * group session expires, 10 s in production; here 4 s (heartbeats every second), so each takeover waits 6 s less.
 * The broker's minimum session timeout (6 s by default) is lowered to allow it.
 */
final class CrashTestBroker {

    static final String SESSION_TIMEOUT_MS = "4000";
    static final String HEARTBEAT_INTERVAL_MS = "1000";

    private CrashTestBroker() {
    }

    /** A started broker with the commands, runs and dead-letter topics (3 partitions each). */
    static EmbeddedKafkaKraftBroker start() {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 3, Events.COMMANDS_TOPIC,
                Events.RUNS_TOPIC, Events.COMMANDS_TOPIC + Events.DEAD_LETTER_SUFFIX);
        broker.brokerProperty("group.min.session.timeout.ms", "1000");
        broker.afterPropertiesSet();
        return broker;
    }

    /** The handler process's extra Kafka client properties (the commands consumer reads the group settings). */
    static Map<String, String> clientProperties() {
        return Map.of("session.timeout.ms", SESSION_TIMEOUT_MS, "heartbeat.interval.ms", HEARTBEAT_INTERVAL_MS);
    }
}
