package dev.gpuops.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The one way gpuops builds a producer for state that must not be lost (run log, run state, audit, monitor,
 * notifier threads): acknowledged by all in-sync replicas, idempotent, sent at once, and never blocking or retrying
 * for longer than the caller is prepared to wait.
 */
public final class DurableProducer {

    private DurableProducer() {
    }

    /**
     * @param clientConfig bootstrap servers and the shared client settings (security); not modified
     * @param clientId     names the producer in broker logs and client metrics
     * @param timeout      how long a caller waits for one record's acknowledgement
     */
    public static KafkaProducer<String, byte[]> create(Map<String, ?> clientConfig, String clientId,
                                                       Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        // never hold a caller longer than one publish timeout, even while a topic's metadata is missing
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.min(timeout.toMillis(), 30_000));
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(timeout.toMillis(), 30_000));
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** {@link #create} for a cluster given apart from the client settings. */
    public static KafkaProducer<String, byte[]> create(String bootstrapServers, Map<String, ?> clientProperties,
                                                       String clientId, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return create(config, clientId, timeout);
    }
}
