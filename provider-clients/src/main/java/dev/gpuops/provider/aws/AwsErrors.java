package dev.gpuops.provider.aws;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * The one place that turns AWS SDK failures into {@link ProviderException}s. AWS error codes are stable API; the
 * messages AWS sends are passed through the {@link Redactor} because a validation message can echo a value.
 */
final class AwsErrors {

    static final String PROVIDER = "aws";

    private static final Set<String> AUTH = Set.of("AccessDenied", "AccessDeniedException",
            "UnrecognizedClientException", "ExpiredToken", "ExpiredTokenException", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "InvalidSignatureException", "MissingAuthenticationToken",
            "IncompleteSignature", "AuthFailure", "UnauthorizedOperation");
    private static final Set<String> THROTTLED = Set.of("Throttling", "ThrottlingException", "TooManyRequests",
            "TooManyRequestsException", "RequestLimitExceeded", "TooManyUpdates", "RequestThrottled",
            "RequestThrottledException", "SlowDown");
    private static final Set<String> BUSY = Set.of("ScalingActivityInProgress", "ResourceContention",
            "ServiceUnavailable", "InternalFailure", "InternalError", "InternalServerError", "RequestTimeout");
    private static final Set<String> NOT_FOUND = Set.of("ParameterNotFound", "ParameterVersionNotFound",
            "InvocationDoesNotExist", "InvalidCommandId", "ActiveInstanceRefreshNotFound");

    private AwsErrors() {
    }

    /** Runs one SDK call; {@code what} names it for humans ("SetDesiredCapacity asg-staging-gpu"). */
    static <T> T call(String what, Supplier<T> call) {
        try {
            return call.get();
        } catch (AwsServiceException e) {
            throw fromService(what, e);
        } catch (SdkClientException e) {
            throw fromClient(what, e);
        }
    }

    /** The SDK exception is not kept as the cause: its message carries AWS's unredacted text. */
    static ProviderException fromService(String what, AwsServiceException e) {
        AwsErrorDetails details = e.awsErrorDetails();
        String code = details == null || details.errorCode() == null ? "Unknown" : details.errorCode();
        String awsMessage = details == null ? null : details.errorMessage();
        int status = e.statusCode();
        String requestId = e.requestId();
        String text = what + " failed: " + code + (awsMessage == null ? "" : " — " + Redactor.redact(awsMessage));
        if (AUTH.contains(code)) {
            return new ProviderException.Auth(PROVIDER, status, requestId, text
                    + "; check the bot's AWS credentials (AWS_ACCESS_KEY_ID/AWS_PROFILE/role) and their IAM policy");
        }
        if (THROTTLED.contains(code) || status == 429) {
            return new ProviderException.RateLimited(PROVIDER, status, requestId,
                    text + "; AWS is throttling this account, retrying with backoff", null);
        }
        if (NOT_FOUND.contains(code)) {
            return new ProviderException.NotFound(PROVIDER, status, requestId, text);
        }
        return switch (code) {
            case "InstanceRefreshInProgress" -> new ProviderException.Permanent(PROVIDER, status, requestId, text
                    + "; an instance refresh is already running on this group: wait for it to finish, or cancel it"
                    + " with aws autoscaling cancel-instance-refresh");
            case "ParameterAlreadyExists" -> new ProviderException.Permanent(PROVIDER, status, requestId,
                    text + "; pass overwrite to replace it");
            case "LimitExceeded" -> new ProviderException.Capacity(PROVIDER, status, requestId, text);
            default -> BUSY.contains(code) || status >= 500
                    ? new ProviderException.Transient(PROVIDER, status, requestId,
                            text + "; the group is busy or AWS is degraded, try again shortly", null)
                    : new ProviderException.Permanent(PROVIDER, status, requestId, text);
        };
    }

    static ProviderException fromClient(String what, SdkClientException e) {
        if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
                || causedBy(e, SocketTimeoutException.class)) {
            return new ProviderException.Transient(PROVIDER, 0, null, what + " timed out", e);
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
                || causedBy(e, NoRouteToHostException.class)) {
            return new ProviderException.Transient(PROVIDER, 0, null,
                    what + " could not connect to AWS (" + rootMessage(e) + ")", e);
        }
        String message = Redactor.redact(String.valueOf(e.getMessage()));
        if (message.contains("credentials")) {
            return new ProviderException.Auth(PROVIDER, 0, null, what + ": no usable AWS credentials (" + message
                    + "); set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or an instance role");
        }
        return new ProviderException.Transient(PROVIDER, 0, null, what + " failed: " + message, e);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
