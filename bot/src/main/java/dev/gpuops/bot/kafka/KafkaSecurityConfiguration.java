package dev.gpuops.bot.kafka;

import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.bot.config.KafkaSecurityProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Applies {@link KafkaSecurityProperties} to Boot's Kafka properties and checks the credentials at startup. */
@Configuration(proxyBeanMethods = false)
public class KafkaSecurityConfiguration {

    /** Runs on Boot's {@link KafkaProperties} before any factory, admin or client is built from it. */
    @Bean
    static BeanPostProcessor kafkaClientSecurity(ObjectProvider<KafkaSecurityProperties> security) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof KafkaProperties kafka) {
                    KafkaClientSecurity.apply(kafka, security.getObject());
                }
                return bean;
            }
        };
    }

    @Bean
    KafkaCredentialsCheck kafkaCredentialsCheck(KafkaProperties kafka, KafkaSecurityProperties security,
                                                GpuopsKafkaProperties properties) {
        return new KafkaCredentialsCheck(kafka.buildAdminProperties(), security, properties.embedded());
    }
}
