package dev.gpuops.bot.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code gpuops_slack_ack_seconds}: how long a request to {@code /slack/events} takes from arrival to the answer
 * Slack waits for (it gives up after 3 s). Signature checks and parsing included, network excluded.
 */
public final class SlackAckTimer extends OncePerRequestFilter {

    private final Timer timer;

    public SlackAckTimer(MeterRegistry registry) {
        this.timer = Timer.builder("gpuops.slack.ack")
                .description("Time to answer Slack's HTTP requests (slash commands, interactions)")
                .publishPercentileHistogram()
                .register(registry);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            timer.record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }
}
