package dev.gpuops.bot.config;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Pattern;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How every gpuops Kafka client authenticates and encrypts: the ingress producer, the handlers' consumer and
 * producers, the dead-letter producer, the notifier and read-model listeners, the dedupe clients and the admin
 * client all get exactly {@link #clientProperties()}. Blank = plaintext without authentication (the in-process
 * broker, a local cluster).
 *
 * @param protocol           {@code KAFKA_SECURITY_PROTOCOL}: PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL
 * @param saslMechanism      {@code KAFKA_SASL_MECHANISM}: PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER, GSSAPI
 * @param saslJaasConfig     {@code KAFKA_SASL_JAAS_CONFIG}: the login module line with the credentials (secret)
 * @param truststoreLocation {@code KAFKA_SSL_TRUSTSTORE_LOCATION}: CA certificates the broker is checked against
 * @param truststorePassword {@code KAFKA_SSL_TRUSTSTORE_PASSWORD} (secret)
 * @param truststoreType     {@code KAFKA_SSL_TRUSTSTORE_TYPE}: JKS, PKCS12 or PEM
 * @param keystoreLocation   {@code KAFKA_SSL_KEYSTORE_LOCATION}: gpuops' client certificate, for mutual TLS
 * @param keystorePassword   {@code KAFKA_SSL_KEYSTORE_PASSWORD} (secret)
 * @param keystoreType       {@code KAFKA_SSL_KEYSTORE_TYPE}: JKS, PKCS12 or PEM
 */
@Validated
@ConfigurationProperties("gpuops.kafka.security")
public record KafkaSecurityProperties(
        @Pattern(regexp = "(?i)|PLAINTEXT|SSL|SASL_PLAINTEXT|SASL_SSL",
                message = "KAFKA_SECURITY_PROTOCOL must be PLAINTEXT, SSL, SASL_PLAINTEXT or SASL_SSL") String protocol,
        String saslMechanism,
        String saslJaasConfig,
        String truststoreLocation,
        String truststorePassword,
        String truststoreType,
        String keystoreLocation,
        String keystorePassword,
        String keystoreType) {

    private static final java.util.regex.Pattern JAAS_USER =
            java.util.regex.Pattern.compile("username\\s*=\\s*\"([^\"]*)\"");

    private static final java.util.regex.Pattern JAAS_PASSWORD =
            java.util.regex.Pattern.compile("password\\s*=\\s*\"([^\"]*)\"");

    /** Nothing configured: plaintext, no authentication. */
    public static KafkaSecurityProperties none() {
        return new KafkaSecurityProperties(null, null, null, null, null, null, null, null, null);
    }

    public boolean sasl() {
        return has(protocol) && protocol.toUpperCase(Locale.ROOT).startsWith("SASL_");
    }

    /** True when clients authenticate or encrypt, so a refused login is a misconfiguration worth stopping for. */
    public boolean secured() {
        return has(protocol) && !protocol.equalsIgnoreCase("PLAINTEXT");
    }

    @AssertTrue(message = "KAFKA_SECURITY_PROTOCOL SASL_PLAINTEXT or SASL_SSL needs KAFKA_SASL_MECHANISM and "
            + "KAFKA_SASL_JAAS_CONFIG")
    public boolean isSaslComplete() {
        return !sasl() || has(saslMechanism) && (has(saslJaasConfig) || "GSSAPI".equalsIgnoreCase(saslMechanism));
    }

    @AssertTrue(message = "KAFKA_SASL_MECHANISM / KAFKA_SASL_JAAS_CONFIG are set but KAFKA_SECURITY_PROTOCOL is not "
            + "SASL_PLAINTEXT or SASL_SSL, so they would be ignored; set the protocol")
    public boolean isSaslUsed() {
        return sasl() || !has(saslMechanism) && !has(saslJaasConfig);
    }

    @AssertTrue(message = "a KAFKA_SSL_* password or type is set without its KAFKA_SSL_*_LOCATION")
    public boolean isSslStoresComplete() {
        return (has(truststoreLocation) || !has(truststorePassword) && !has(truststoreType))
                && (has(keystoreLocation) || !has(keystorePassword) && !has(keystoreType));
    }

    /** The Kafka client properties for these settings; empty when nothing is configured. */
    public Map<String, String> clientProperties() {
        Map<String, String> properties = new LinkedHashMap<>();
        put(properties, "security.protocol", has(protocol) ? protocol.toUpperCase(Locale.ROOT) : null);
        put(properties, "sasl.mechanism", saslMechanism);
        put(properties, "sasl.jaas.config", saslJaasConfig);
        put(properties, "ssl.truststore.location", truststoreLocation);
        put(properties, "ssl.truststore.password", truststorePassword);
        put(properties, "ssl.truststore.type", truststoreType);
        put(properties, "ssl.keystore.location", keystoreLocation);
        put(properties, "ssl.keystore.password", keystorePassword);
        put(properties, "ssl.keystore.type", keystoreType);
        return properties;
    }

    /** The SASL user named in the JAAS config (not a secret), for error messages; null when there is none. */
    public String saslUser() {
        if (!has(saslJaasConfig)) {
            return null;
        }
        Matcher user = JAAS_USER.matcher(saslJaasConfig);
        return user.find() ? user.group(1) : null;
    }

    /** Every secret value here, the password inside the JAAS config included, for the redactor. */
    public java.util.List<String> secrets() {
        java.util.List<String> secrets = new java.util.ArrayList<>();
        java.util.stream.Stream.of(saslJaasConfig, truststorePassword, keystorePassword).filter(v -> has(v))
                .forEach(secrets::add);
        if (has(saslJaasConfig)) {
            Matcher password = JAAS_PASSWORD.matcher(saslJaasConfig);
            while (password.find()) {
                secrets.add(password.group(1));
            }
        }
        return secrets;
    }

    private static void put(Map<String, String> properties, String key, String value) {
        if (has(value)) {
            properties.put(key, value.strip());
        }
    }

    private static boolean has(String value) {
        return value != null && !value.isBlank();
    }

    @Override
    public String toString() {
        return "KafkaSecurityProperties[protocol=" + (has(protocol) ? protocol : "PLAINTEXT")
                + ", saslMechanism=" + saslMechanism + ", saslJaasConfig=" + (has(saslJaasConfig) ? "***" : "unset")
                + ", truststoreLocation=" + truststoreLocation + ", truststorePassword="
                + (has(truststorePassword) ? "***" : "unset") + ", truststoreType=" + truststoreType
                + ", keystoreLocation=" + keystoreLocation + ", keystorePassword="
                + (has(keystorePassword) ? "***" : "unset") + ", keystoreType=" + keystoreType + "]";
    }
}
