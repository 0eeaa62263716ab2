package dev.gpuops.bot.ingress;

import dev.gpuops.bot.config.GithubProperties;
import dev.gpuops.bot.config.IngressProperties;
import dev.gpuops.bot.config.SlackProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** One guard (one large-body budget) in front of both ingress endpoints, ahead of every other filter there. */
@Configuration(proxyBeanMethods = false)
public class IngressGuardConfiguration {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 50;

    @Bean
    IngressGuard ingressGuard(IngressProperties properties) {
        return new IngressGuard(properties);
    }

    @Bean
    FilterRegistrationBean<IngressGuardFilter> slackIngressGuard(IngressGuard guard, SlackProperties slack) {
        return register(new IngressGuardFilter(guard, IngressGuard.Endpoint.SLACK, slack::hasSigningSecret),
                "/slack/events", "slackIngressGuard");
    }

    @Bean
    FilterRegistrationBean<IngressGuardFilter> githubIngressGuard(IngressGuard guard, GithubProperties github) {
        return register(new IngressGuardFilter(guard, IngressGuard.Endpoint.GITHUB, github::hasSecret),
                "/github/webhook", "githubIngressGuard");
    }

    private static FilterRegistrationBean<IngressGuardFilter> register(IngressGuardFilter filter, String path,
                                                                       String name) {
        FilterRegistrationBean<IngressGuardFilter> registration = new FilterRegistrationBean<>(filter);
        registration.addUrlPatterns(path);
        registration.setName(name);
        registration.setOrder(ORDER);
        return registration;
    }
}
