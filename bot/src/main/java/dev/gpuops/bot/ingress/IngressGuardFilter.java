package dev.gpuops.bot.ingress;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Applies {@link IngressGuard} to one endpoint before anything reads the body; the body-reading code behind it
 * (SlackRequestFilter, GithubWebhookController) still stops at the cap, which is what bounds chunked bodies.
 */
public final class IngressGuardFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(IngressGuardFilter.class);

    private final IngressGuard guard;
    private final IngressGuard.Endpoint endpoint;
    private final BooleanSupplier secretConfigured;

    public IngressGuardFilter(IngressGuard guard, IngressGuard.Endpoint endpoint, BooleanSupplier secretConfigured) {
        this.guard = guard;
        this.endpoint = endpoint;
        this.secretConfigured = secretConfigured;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        IngressGuard.Decision decision = guard.admit(endpoint, secretConfigured.getAsBoolean(),
                request.getHeader(endpoint.signatureHeader), request.getContentLengthLong());
        switch (decision) {
            case IngressGuard.Decision.Refuse refuse -> refuse(request, response, refuse);
            case IngressGuard.Decision.Proceed proceed -> {
                try {
                    chain.doFilter(request, response);
                } finally {
                    if (proceed.holdsPermit()) {
                        guard.release();
                    }
                }
            }
        }
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, IngressGuard.Decision.Refuse refuse)
            throws IOException {
        if (refuse.status() == 401 && refuse.reason().contains("is not set")) {
            LOG.error("Refused a {} request: {}. Set it to the secret configured on the {} side.", endpoint,
                    refuse.reason(), endpoint == IngressGuard.Endpoint.SLACK ? "Slack app" : "GitHub webhook");
        } else {
            LOG.info("Refused a {} request from {} before reading its body: {}", endpoint, request.getRemoteAddr(),
                    refuse.reason());
        }
        if (refuse.status() == 503) {
            response.setHeader("Retry-After", Integer.toString(guard.retryAfterSeconds()));
        }
        if (refuse.status() == 413) {
            // the unread body would otherwise be swallowed to keep the connection alive
            response.setHeader("Connection", "close");
        }
        response.setStatus(refuse.status());
        response.setContentType("application/json");
        response.getWriter().write("{\"status\":\"rejected\",\"detail\":\"" + refuse.reason() + "\"}");
    }
}
