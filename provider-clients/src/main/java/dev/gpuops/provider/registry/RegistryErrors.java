package dev.gpuops.provider.registry;

import dev.gpuops.provider.support.ErrorMapper;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.Redactor;
import java.net.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The one place that maps a registry's status and {@code {"errors":[{"code","message","detail"}]}} body to a
 * {@link ProviderException}. Built per request so messages can name the operation and the variables to set.
 *
 * @param what           "GET ghcr.io/owner/name:canary"
 * @param registry       the registry host, for credential hints
 * @param hadCredentials whether credentials were configured for the host
 */
record RegistryErrors(String what, String registry, boolean hadCredentials) implements ErrorMapper {

    static final String PROVIDER = "registry";

    @Override
    public ProviderException map(int status, String body, HttpHeaders headers) {
        String requestId = headers.firstValue("X-GitHub-Request-Id")
                .or(() -> headers.firstValue("X-Request-Id")).orElse(null);
        JsonNode first = firstError(body);
        String code = first == null ? statusCode(status) : first.path("code").asString(statusCode(status));
        String message = first == null ? "" : Redactor.redact(first.path("message").asString(""));
        String text = what + " failed: " + code + (message.isBlank() ? "" : " (" + message + ")")
                + challengedBy(headers);
        return switch (status) {
            case 401 -> new ProviderException.Auth(PROVIDER, status, requestId, text + "; " + authHint());
            case 403 -> new ProviderException.Auth(PROVIDER, status, requestId, text
                    + "; the credentials for " + registry + " lack permission here (read:packages to pull,"
                    + " write:packages to push or promote), or the package is not shared with that account");
            case 404 -> new ProviderException.NotFound(PROVIDER, status, requestId, text);
            case 429 -> new ProviderException.RateLimited(PROVIDER, status, requestId,
                    text + "; the registry is rate limiting", ErrorMapper.retryAfter(headers));
            default -> status >= 500
                    ? new ProviderException.Transient(PROVIDER, status, requestId, text, null)
                    : new ProviderException.Permanent(PROVIDER, status, requestId, text);
        };
    }

    /**
     * " from ghcr.io" when the registry's auth challenge names a service other than the host asked (a mirror, a
     * proxy, an alias): the service is who refused, and the name on-call recognises.
     */
    private String challengedBy(HttpHeaders headers) {
        return headers.firstValue("WWW-Authenticate").flatMap(AuthChallenge::parse).flatMap(AuthChallenge::service)
                .filter(service -> service.contains(".") && !service.equalsIgnoreCase(registry))
                .map(service -> " from " + Redactor.redact(service)).orElse("");
    }

    String authHint() {
        String vars = RegistryCredentials.describeVariables(registry);
        return hadCredentials
                ? "the credentials configured for " + registry + " (" + vars + ") were rejected: check the token is"
                        + " valid, not expired, and has read:packages (write:packages to promote)"
                : "no credentials are configured for " + registry + " and anonymous access was refused (private"
                        + " repository?): set " + vars + " in the bot's environment";
    }

    private static JsonNode firstError(String body) {
        JsonNode root = JsonHttp.treeOrNull(body);
        JsonNode errors = root == null ? null : root.path("errors");
        return errors != null && errors.isArray() && !errors.isEmpty() ? errors.get(0) : null;
    }

    private static String statusCode(int status) {
        return switch (status) {
            case 401 -> "UNAUTHORIZED";
            case 403 -> "DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "TOOMANYREQUESTS";
            default -> "HTTP_" + status;
        };
    }
}
