package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.MisconfigurationException;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.ClassUtils;

/**
 * Starts an in-process KRaft broker when no Kafka cluster is configured ({@code KAFKA_BOOTSTRAP_SERVERS} unset), so
 * gpuops runs with nothing but a JVM.
 *
 * <p>It runs as a context initializer, before any bean exists, so Kafka's auto-configuration already reads the
 * broker's address from {@code spring.kafka.bootstrap-servers}; with {@code KAFKA_BOOTSTRAP_SERVERS} set it pins that
 * property to the configured cluster instead, so no stray {@code spring.kafka.*} setting can redirect gpuops.
 * The broker is registered as a disposable singleton: it is destroyed when the context closes and also when the
 * refresh fails, because a broker left running keeps non-daemon threads alive and the JVM would never exit.
 */
public class EmbeddedKafkaInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String BEAN_NAME = "gpuopsEmbeddedKafkaBroker";
    static final String PROPERTY_SOURCE = "gpuopsEmbeddedKafka";
    /** Only in the demo build (bot-demo.jar) and on the test classpath. */
    static final String BROKER_CLASS = "org.springframework.kafka.test.EmbeddedKafkaKraftBroker";

    private static final Log LOG = LogFactory.getLog(EmbeddedKafkaInitializer.class);

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        if (context.getBeanFactory().containsSingleton(BEAN_NAME)) {
            return;
        }
        String configured = environment.getProperty("gpuops.kafka.bootstrap-servers", "");
        String address = configured.isBlank() ? startBroker(context, environment) : configured;
        String stray = environment.getProperty("spring.kafka.bootstrap-servers", "");
        if (!stray.isBlank() && !stray.equals(address)) {
            LOG.warn("Ignoring spring.kafka.bootstrap-servers=" + stray + ": gpuops connects to "
                    + (configured.isBlank() ? "its in-process broker" : address)
                    + "; set KAFKA_BOOTSTRAP_SERVERS to choose the cluster");
        }
        // KAFKA_BOOTSTRAP_SERVERS is the one switch: it wins over any spring.kafka.bootstrap-servers from elsewhere
        environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE,
                Map.of("spring.kafka.bootstrap-servers", address)));
    }

    private static String startBroker(ConfigurableApplicationContext context, ConfigurableEnvironment environment) {
        if (!ClassUtils.isPresent(BROKER_CLASS, context.getClassLoader())) {
            throw new MisconfigurationException("gpuops will not start: KAFKA_BOOTSTRAP_SERVERS is unset and this is "
                    + "the production build, which carries no in-process Kafka broker. Set KAFKA_BOOTSTRAP_SERVERS to "
                    + "your cluster (host:port[,host:port]), or run the demo with ./gpuops demo.");
        }
        int partitions = environment.getProperty("gpuops.kafka.topic-partitions", Integer.class, 3);
        EmbeddedKafkaKraftBroker broker = start(partitions);
        ConfigurableListableBeanFactory beans = context.getBeanFactory();
        beans.registerSingleton(BEAN_NAME, broker);
        ((DefaultSingletonBeanRegistry) beans).registerDisposableBean(BEAN_NAME, broker);
        LOG.info("KAFKA_BOOTSTRAP_SERVERS is unset: started an in-process Kafka broker at "
                + broker.getBrokersAsString() + " (data is lost when gpuops stops)");
        return broker.getBrokersAsString();
    }

    private static EmbeddedKafkaKraftBroker start(int partitions) {
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, partitions);
        // the broker publishes its address as a JVM-wide system property (spring.kafka.bootstrap-servers by
        // default), which would leak into every other context in this JVM: give it a name nothing reads
        broker.brokerListProperty("gpuops.embedded-kafka.brokers");
        try {
            broker.afterPropertiesSet();
            return broker;
        } catch (RuntimeException e) {
            try {
                broker.destroy();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new IllegalStateException("Could not start the in-process Kafka broker (used because "
                    + "KAFKA_BOOTSTRAP_SERVERS is unset): " + e.getMessage()
                    + ". Set KAFKA_BOOTSTRAP_SERVERS to a running cluster instead.", e);
        }
    }
}
