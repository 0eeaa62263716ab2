package dev.gpuops.provider.support;

import java.time.Duration;
import java.util.Optional;

/**
 * Every failure a provider client reports. One mapper per client turns HTTP status and error body into one of
 * these. Messages are written for an on-call engineer and never contain a credential: callers build them from
 * provider error codes and texts, which are run through {@link Redactor} before they get here.
 */
public abstract sealed class ProviderException extends RuntimeException {

    private final String provider;
    private final int status;
    private final String requestId;

    protected ProviderException(String provider, int status, String requestId, String message, Throwable cause) {
        super(provider + ": " + message + (requestId == null ? "" : " (request id " + requestId + ")"), cause);
        this.provider = provider;
        this.status = status;
        this.requestId = requestId;
    }

    public String provider() {
        return provider;
    }

    /** HTTP status, or 0 when the call never got a response (connect failure, timeout). */
    public int status() {
        return status;
    }

    public Optional<String> requestId() {
        return Optional.ofNullable(requestId);
    }

    /** Whether an idempotent call may be tried again. */
    public boolean retryable() {
        return false;
    }

    /** Bad, missing or insufficient credentials: fix the key, do not retry. */
    public static final class Auth extends ProviderException {
        public Auth(String provider, int status, String requestId, String message) {
            super(provider, status, requestId, message, null);
        }
    }

    /** The object (endpoint, instance, manifest, parameter) does not exist. */
    public static final class NotFound extends ProviderException {
        public NotFound(String provider, int status, String requestId, String message) {
            super(provider, status, requestId, message, null);
        }
    }

    /** 429 or a vendor's throttling error. {@code retryAfter} is empty when the vendor gave no hint. */
    public static final class RateLimited extends ProviderException {
        private final Duration retryAfter;

        public RateLimited(String provider, int status, String requestId, String message, Duration retryAfter) {
            super(provider, status, requestId, message, null);
            this.retryAfter = retryAfter;
        }

        public Optional<Duration> retryAfter() {
            return Optional.ofNullable(retryAfter);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The provider has no capacity (GPUs, quota) for the request right now. */
    public static final class Capacity extends ProviderException {
        public Capacity(String provider, int status, String requestId, String message) {
            super(provider, status, requestId, message, null);
        }
    }

    /** Connect failure, timeout or 5xx: may succeed when tried again. */
    public static final class Transient extends ProviderException {
        public Transient(String provider, int status, String requestId, String message, Throwable cause) {
            super(provider, status, requestId, message, cause);
        }

        @Override
        public boolean retryable() {
            return true;
        }
    }

    /** The request itself is wrong or refused; retrying will not help. */
    public static final class Permanent extends ProviderException {
        public Permanent(String provider, int status, String requestId, String message) {
            super(provider, status, requestId, message, null);
        }
    }
}
