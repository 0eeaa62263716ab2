package dev.gpuops.bot.ingress;

import io.micrometer.observation.ObservationPredicate;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * How the ingress endpoints are served.
 *
 * <p>HTTP requests (the Slack and GitHub ingress) are served by Tomcat's own pool of platform threads, not by virtual
 * threads. Everything else keeps virtual threads ({@code spring.threads.virtual.enabled}): the Kafka listeners,
 * the runs they start, the notifier. Virtual threads share one FIFO scheduler with as many carriers as cores, so
 * on a 2-core box a request whose Kafka ack had arrived waited behind whatever listener or run step held both
 * carriers; the acks Slack waits for (3 s) queued behind background work. As platform threads the request threads
 * are scheduled by the kernel next to the carriers, each runnable request thread getting its own share, so the ack
 * path is served first under load. A request thread mostly waits (for the body, for Kafka's ack), and the pool
 * grows only with concurrent requests ({@code server.tomcat.threads.max}, default 200).
 */
@Configuration(proxyBeanMethods = false)
public class IngressServingConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> platformRequestThreads() {
        return new PlatformRequestThreads();
    }

    /**
     * No {@code http.server.requests} observation for {@code /slack/events}: {@code gpuops.slack.ack}
     * ({@code SlackAckTimer}) already times every Slack request, and the generic observation (tags, a long-task timer,
     * a context per request) cost half as much CPU as the {@code /gpu status} handler itself (JFR).
     */
    @Bean
    ObservationPredicate noGenericObservationOfSlackEvents() {
        return (name, context) -> !(context instanceof ServerRequestObservationContext request
                && request.getCarrier() != null && "/slack/events".equals(request.getCarrier().getRequestURI()));
    }

    /** Runs after Spring Boot's virtual-thread customizer and undoes it for Tomcat alone. */
    static final class PlatformRequestThreads
            implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

        @Override
        public void customize(ConfigurableTomcatWebServerFactory factory) {
            // null = Tomcat creates its internal pool (server.tomcat.threads.max / min-spare) when it starts
            factory.addProtocolHandlerCustomizers(handler -> handler.setExecutor(null));
        }

        @Override
        public int getOrder() {
            return Ordered.LOWEST_PRECEDENCE;
        }
    }
}
