package dev.gpuops.bot.audit;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    @Bean
    AuditView auditView() {
        return new AuditView(2_000);
    }

    @Bean
    AuditListener auditListener(AuditView view) {
        return new AuditListener(view);
    }
}
