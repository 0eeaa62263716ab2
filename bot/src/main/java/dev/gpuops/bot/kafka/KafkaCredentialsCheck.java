package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.KafkaSecurityProperties;
import dev.gpuops.provider.support.Redactor;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.SslAuthenticationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * With Kafka security configured, logs in once at startup. Credentials the cluster refuses are a misconfiguration,
 * so startup stops with a message naming the cause and the variable to fix (never the secret). A cluster that is
 * merely unreachable does not stop startup: commands are refused until it is back, as without security.
 */
public final class KafkaCredentialsCheck implements SmartInitializingSingleton {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaCredentialsCheck.class);
    private static final int TIMEOUT_MS = 5000;

    private final Map<String, Object> adminConfig;
    private final KafkaSecurityProperties security;

    /** @throws IllegalStateException when security is configured for the in-process broker, which is plaintext */
    public KafkaCredentialsCheck(Map<String, Object> adminConfig, KafkaSecurityProperties security,
                                 boolean embeddedBroker) {
        if (embeddedBroker && (security.secured() || !security.clientProperties().isEmpty())) {
            throw new IllegalStateException("Kafka security is configured (KAFKA_SECURITY_PROTOCOL / KAFKA_SASL_* / "
                    + "KAFKA_SSL_*) but KAFKA_BOOTSTRAP_SERVERS is not set, so gpuops would start its in-process "
                    + "broker, which speaks plaintext only. Set KAFKA_BOOTSTRAP_SERVERS to the secured cluster, or "
                    + "unset the KAFKA_SECURITY_* / KAFKA_SASL_* / KAFKA_SSL_* variables.");
        }
        this.adminConfig = new HashMap<>(adminConfig);
        this.adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "gpuops-credentials-check");
        this.adminConfig.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.adminConfig.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        this.security = security;
    }

    @Override
    public void afterSingletonsInstantiated() {
        if (!security.secured()) {
            return;
        }
        try (Admin admin = Admin.create(adminConfig)) {
            admin.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).clusterId()
                    .get(TIMEOUT_MS + 1000L, TimeUnit.MILLISECONDS);
            LOG.info("Kafka accepted gpuops' {} credentials", security.protocol());
        } catch (ExecutionException e) {
            if (e.getCause() instanceof AuthenticationException refused) {
                throw new IllegalStateException(explain(refused), null);
            }
            LOG.warn("Could not check the Kafka credentials yet ({}); commands are refused until Kafka answers",
                    Redactor.redact(String.valueOf(e.getCause())));
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("Kafka did not answer the credentials check within {} ms; commands are refused until it does",
                    TIMEOUT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Also used by the health indicator, so both say the same thing. */
    public static String explain(AuthenticationException refused, KafkaSecurityProperties security) {
        if (refused instanceof SslAuthenticationException) {
            return "The TLS handshake with Kafka failed: " + Redactor.redact(rootMessage(refused)) + ". If the "
                    + "broker's certificate is not trusted, KAFKA_SSL_TRUSTSTORE_LOCATION ("
                    + (security.truststoreLocation() == null || security.truststoreLocation().isBlank()
                    ? "not set: the JVM's default CA certificates were used" : security.truststoreLocation())
                    + ") must hold the CA that signed it (check KAFKA_SSL_TRUSTSTORE_PASSWORD and "
                    + "KAFKA_SSL_TRUSTSTORE_TYPE too); if the broker asks for a client certificate, set "
                    + "KAFKA_SSL_KEYSTORE_LOCATION / _PASSWORD / _TYPE.";
        }
        String user = security.saslUser();
        String what = security.sasl()
                ? "SASL " + security.saslMechanism() + " authentication failed"
                + (user == null ? "" : " for user '" + user + "'")
                + ": check KAFKA_SASL_JAAS_CONFIG (username and password) and KAFKA_SASL_MECHANISM"
                : "TLS authentication failed: check KAFKA_SSL_TRUSTSTORE_* and KAFKA_SSL_KEYSTORE_*";
        return "Kafka refused gpuops' credentials (" + what + "). The broker said: "
                + Redactor.redact(refused.getMessage());
    }

    /** The innermost cause says what was wrong ("PKIX path building failed", "No subject alternative names"). */
    private static String rootMessage(Throwable error) {
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().strip();
        return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    private String explain(AuthenticationException refused) {
        return explain(refused, security);
    }
}
