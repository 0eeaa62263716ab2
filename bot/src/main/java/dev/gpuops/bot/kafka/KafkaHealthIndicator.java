package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.event.Events;
import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/** UP when the admin client can describe the cluster and the gpuops topics exist. */
public class KafkaHealthIndicator implements HealthIndicator, DisposableBean {

    private static final int TIMEOUT_MS = 2000;
    private static final List<String> TOPICS = List.of(Events.COMMANDS_TOPIC, Events.RUNS_TOPIC);

    private final Map<String, Object> adminConfig;
    private final boolean embedded;
    private Admin admin;

    public KafkaHealthIndicator(Map<String, Object> adminConfig, GpuopsKafkaProperties properties) {
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, "gpuops-health");
        this.embedded = properties.embedded();
    }

    @Override
    public Health health() {
        try {
            DescribeClusterResult cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS));
            int nodes = cluster.nodes().get(TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            String clusterId = cluster.clusterId().get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            var names = admin().listTopics(new ListTopicsOptions().timeoutMs(TIMEOUT_MS)).names()
                    .get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
            List<String> missing = TOPICS.stream().filter(t -> !names.contains(t)).toList();
            Health.Builder health = missing.isEmpty() ? Health.up() : Health.down().withDetail("missingTopics", missing);
            return health.withDetail("clusterId", clusterId).withDetail("nodes", nodes)
                    .withDetail("embedded", embedded).build();
        } catch (ExecutionException e) {
            return down(e.getCause());
        } catch (TimeoutException e) {
            return Health.down().withDetail("error", "cluster did not answer within " + TIMEOUT_MS + " ms").build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return down(e);
        } catch (RuntimeException e) {
            return down(e);
        }
    }

    private static Health down(Throwable e) {
        Health.Builder health = Health.down().withDetail("error", e.getClass().getSimpleName() + ": "
                + Redactor.redact(e.getMessage()));
        if (e instanceof AuthenticationException) {
            health.withDetail("fix", "Kafka refused gpuops' credentials: check KAFKA_SASL_JAAS_CONFIG and "
                    + "KAFKA_SASL_MECHANISM (or KAFKA_SSL_* for TLS)");
        }
        return health.build();
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }

    @Override
    public synchronized void destroy() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
    }
}
