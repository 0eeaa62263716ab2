package dev.gpuops.bot.slack;

import org.springframework.beans.factory.ObjectProvider;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.jakarta_servlet.SlackAppServlet;
import dev.gpuops.bot.config.GpuopsKafkaProperties;
import dev.gpuops.access.AccessControl;
import dev.gpuops.audit.AuditLog;
import dev.gpuops.bot.audit.AuditView;
import dev.gpuops.bot.config.SlackProperties;
import dev.gpuops.target.Targets;
import dev.gpuops.bot.kafka.CommandPublisher;
import dev.gpuops.bot.runs.RunLinks;
import dev.gpuops.bot.runs.RunsView;
import dev.gpuops.bot.support.RecentKeys;
import dev.gpuops.bot.targets.TargetDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** Bolt for Java, served at {@code POST /slack/events}, with the {@code /gpu} command wired to its handlers. */
@Configuration(proxyBeanMethods = false)
public class SlackConfiguration {

    static final String EVENTS_PATH = "/slack/events";

    @Bean
    Slack slack(SlackProperties properties) {
        SlackConfig config = new SlackConfig();
        config.setMethodsEndpointUrlPrefix(properties.apiUrl());
        config.setHttpClientReadTimeoutMillis(10_000);
        config.setHttpClientCallTimeoutMillis(15_000);
        return Slack.getInstance(config);
    }

    @Bean(destroyMethod = "stop")
    App slackApp(SlackProperties properties, Slack slack, GpuCommand gpuCommand, ApprovalButtons approvalButtons) {
        AppConfig config = AppConfig.builder()
                .slack(slack)
                // without a secret the filter refuses everything; Bolt still needs one to construct
                .signingSecret(properties.hasSigningSecret() ? properties.signingSecret() : unguessable())
                .singleTeamBotToken(properties.hasBotToken() ? properties.botToken() : null)
                .authTestCacheEnabled(true)
                .build();
        App app;
        try {
            app = new KeyedSignatureApp(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Slack rejected the bot token at startup (auth.test against "
                    + properties.apiUrl() + " failed: " + e.getClass().getSimpleName()
                    + "). Check SLACK_BOT_TOKEN and SLACK_API_URL.", e);
        }
        return app.command(properties.command(), gpuCommand)
                .blockAction(ApprovalButtons.APPROVE, approvalButtons)
                .blockAction(ApprovalButtons.DENY, approvalButtons);
    }

    private static String unguessable() {
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Bean
    ServletRegistrationBean<SlackAppServlet> slackAppServlet(App slackApp) {
        ServletRegistrationBean<SlackAppServlet> servlet =
                new ServletRegistrationBean<>(new SlackAppServlet(slackApp), EVENTS_PATH);
        servlet.setName("slackEvents");
        return servlet;
    }

    @Bean
    FilterRegistrationBean<SlackRequestFilter> slackRequestFilter(SlackProperties properties, Clock clock) {
        SlackRequestCheck check = new SlackRequestCheck(properties.signingSecret(), clock, properties.maxClockSkew());
        FilterRegistrationBean<SlackRequestFilter> filter = new FilterRegistrationBean<>(new SlackRequestFilter(check));
        filter.addUrlPatterns(EVENTS_PATH);
        filter.setOrder(Ordered.HIGHEST_PRECEDENCE + 100);
        return filter;
    }

    @Bean
    SocketModeConnector socketModeConnector(SlackProperties properties, App slackApp) {
        return new SocketModeConnector(properties, slackApp);
    }

    @Bean
    SlackHealthIndicator slackHealthIndicator(SlackProperties properties, Slack slack, Clock clock) {
        return new SlackHealthIndicator(properties, slack, clock);
    }

    @Bean
    IngressAccess ingressAccess(Targets targets, AccessControl access, RunsView runs, AuditLog audit, Clock clock) {
        return new IngressAccess(targets, access, runs, audit, clock);
    }

    @Bean
    AuditCommandHandler auditCommandHandler(AuditView view, IngressAccess access) {
        return new AuditCommandHandler(view, access);
    }

    @Bean
    ApprovalHandler approvalHandler(IngressAccess access, RunsView runs, CommandPublisher publisher, Clock clock,
                                    GpuopsKafkaProperties kafka) {
        return new ApprovalHandler(access, runs, publisher, clock, kafka.ackTimeout());
    }

    @Bean
    ApprovalButtons approvalButtons(ApprovalHandler approvals) {
        return new ApprovalButtons(approvals);
    }

    @Bean
    GpuCommand gpuCommand(SlackProperties properties, TargetDirectory targets, CommandPublisher publisher,
                          RunsView runs, Clock clock, GpuopsKafkaProperties kafka,
                          ObjectProvider<DemoCommands> demo, IngressAccess access,
                          ApprovalHandler approvals, AuditCommandHandler audit, ObjectProvider<RunLinks> links,
                          ObjectProvider<MonitorCommands> incidents) {
        // the demo registers its /gpu sandbox words; production has none (and no simulators to link)
        DemoCommands sandbox = demo.getIfAvailable();
        CommandUsage usage = new CommandUsage(properties.command());
        return new GpuCommand(new CommandParser(targets),
                new RunCommandHandler(publisher, runs, clock, kafka.ackTimeout()),
                new RunsCommandHandler(runs, clock, links.getIfAvailable(() -> new RunLinks(1)), access),
                new CancelCommandHandler(publisher, runs, clock, kafka.ackTimeout()),
                new HelpCommandHandler(usage, targets),
                new RecentKeys<>(clock, properties.triggerMemory(), 10_000), sandbox).withAccess(access, approvals)
                .withAudit(audit).withIncidents(incidents.getIfAvailable());
    }
}
