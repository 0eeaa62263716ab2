package dev.gpuops.bot.ingress;

import dev.gpuops.bot.config.IngressProperties;
import java.util.concurrent.Semaphore;

/**
 * Decides from the headers alone whether a request to an ingress endpoint may have its body read, and bounds how
 * many large bodies are read at once. Nothing here reads the body: an unauthenticated or oversized request costs
 * the server no more than its headers.
 */
public final class IngressGuard {

    /** Unsigned Slack requests are read only when small enough to be Slack's {@code ssl_check} probe. */
    static final long UNSIGNED_SLACK_MAX = 1024;

    /** Which endpoint, with its signature header and cap. */
    public enum Endpoint {
        SLACK("X-Slack-Signature", "SLACK_SIGNING_SECRET"),
        GITHUB("X-Hub-Signature-256", "GITHUB_WEBHOOK_SECRET");

        final String signatureHeader;
        final String secretVariable;

        Endpoint(String signatureHeader, String secretVariable) {
            this.signatureHeader = signatureHeader;
            this.secretVariable = secretVariable;
        }
    }

    /** The answer: go on (holding a large-body permit or not), or refuse with this status and reason. */
    public sealed interface Decision {
        record Proceed(boolean holdsPermit) implements Decision {
        }

        record Refuse(int status, String reason) implements Decision {
        }
    }

    private final IngressProperties limits;
    private final Semaphore largeBodies;

    public IngressGuard(IngressProperties limits) {
        this.limits = limits;
        this.largeBodies = new Semaphore(limits.maxLargeBodies());
    }

    /**
     * @param contentLength the declared length, or -1 when the body is chunked
     * @return Proceed with a permit to {@link #release()} afterwards when it holds one
     */
    public Decision admit(Endpoint endpoint, boolean secretConfigured, String signature, long contentLength) {
        if (!secretConfigured) {
            return new Decision.Refuse(401, endpoint.secretVariable + " is not set on the gpuops side, so no request"
                    + " can be verified");
        }
        boolean unsigned = signature == null || signature.isBlank();
        if (unsigned && (endpoint == Endpoint.GITHUB || contentLength < 0 || contentLength > UNSIGNED_SLACK_MAX)) {
            return new Decision.Refuse(401, "missing " + endpoint.signatureHeader + " header");
        }
        long cap = cap(endpoint);
        if (contentLength > cap) {
            return new Decision.Refuse(413, "body of " + contentLength + " bytes is over the " + cap + "-byte limit");
        }
        if (contentLength >= 0 && contentLength <= limits.largeBody()) {
            return new Decision.Proceed(false);
        }
        if (!largeBodies.tryAcquire()) {
            return new Decision.Refuse(503, limits.maxLargeBodies() + " large request bodies are being read"
                    + " already; retry in " + limits.retryAfterSeconds() + " s");
        }
        return new Decision.Proceed(true);
    }

    public void release() {
        largeBodies.release();
    }

    /** Large bodies that could start being read now. */
    public int freeLargeBodySlots() {
        return largeBodies.availablePermits();
    }

    public long cap(Endpoint endpoint) {
        return endpoint == Endpoint.SLACK ? limits.slackMaxBody() : limits.githubMaxBody();
    }

    public int retryAfterSeconds() {
        return limits.retryAfterSeconds();
    }
}
