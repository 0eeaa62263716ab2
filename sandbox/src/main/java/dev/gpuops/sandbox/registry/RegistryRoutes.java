package dev.gpuops.sandbox.registry;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The OCI distribution endpoints under {@code /v2/}, guarded by the token-auth flow and the active faults. */
final class RegistryRoutes {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RegistryStore store;
    private final TokenIssuer issuer;
    private final RegistryFaults faults;
    private final Supplier<String> realm;
    private final Supplier<String> service;
    private final int retryAfterSeconds;

    RegistryRoutes(RegistryStore store, TokenIssuer issuer, RegistryFaults faults, Supplier<String> realm,
                   Supplier<String> service, int retryAfterSeconds) {
        this.store = store;
        this.issuer = issuer;
        this.faults = faults;
        this.realm = realm;
        this.service = service;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    RegistryReply handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/v2/") || path.equals("/v2")) {
            return base(exchange);
        }
        int manifests = path.lastIndexOf("/manifests/");
        if (path.startsWith("/v2/") && manifests > 4) {
            return manifest(exchange, path.substring(4, manifests), path.substring(manifests + 11));
        }
        if (path.startsWith("/v2/") && path.endsWith("/tags/list")) {
            String name = path.substring(4, path.length() - "/tags/list".length());
            return guarded(exchange, name, "pull", () -> TagPages.page(store, name, exchange.getRequestURI()));
        }
        return RegistryReply.error(404, "NOT_FOUND", "no route for " + path, null);
    }

    private RegistryReply base(HttpExchange exchange) {
        Optional<RegistryFault> fault = faults.consume(null);
        if (fault.isPresent()) {
            return faultReply(fault.get(), null, "pull");
        }
        return bearer(exchange).flatMap(issuer::grant).isPresent()
                ? RegistryReply.json(200, "{}")
                : unauthorized(null, "pull");
    }

    private RegistryReply manifest(HttpExchange exchange, String name, String reference) throws IOException {
        String method = exchange.getRequestMethod();
        return switch (method) {
            case "GET", "HEAD" -> guarded(exchange, name, "pull", () -> read(exchange, name, reference));
            case "PUT" -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                yield guarded(exchange, name, "push", () -> write(exchange, name, reference, body));
            }
            default -> RegistryReply.error(405, "UNSUPPORTED", "the operation is unsupported", null);
        };
    }

    private RegistryReply guarded(HttpExchange exchange, String name, String action, Supplier<RegistryReply> ok) {
        Optional<RegistryFault> fault = faults.consume(name);
        if (fault.isPresent()) {
            return faultReply(fault.get(), name, action);
        }
        Optional<TokenIssuer.Grant> grant = bearer(exchange).flatMap(issuer::grant);
        if (grant.isPresent() && grant.get().allows(name, action)) {
            return ok.get();
        }
        if (grant.isPresent() && grant.get().user() != null) {
            return RegistryReply.error(403, "DENIED", "requested access to the resource is denied",
                    detail(name, action));
        }
        return unauthorized(name, action.equals("push") ? "pull,push" : action);
    }

    private RegistryReply read(HttpExchange exchange, String name, String reference) {
        if (store.find(name).isEmpty()) {
            return RegistryReply.error(404, "NAME_UNKNOWN", "repository name not known to registry",
                    JSON.createObjectNode().put("name", name));
        }
        Optional<RegistryStore.Blob> blob = store.resolve(name, reference);
        if (blob.isEmpty()) {
            return RegistryReply.error(404, "MANIFEST_UNKNOWN", "manifest unknown",
                    JSON.createObjectNode().put("Tag", reference));
        }
        String accept = String.valueOf(exchange.getRequestHeaders().get("Accept"));
        String type = blob.get().mediaType();
        boolean explicitAccept = exchange.getRequestHeaders().containsKey("Accept") && !accept.contains("*/*");
        if (explicitAccept && !accept.contains(type)) {
            return RegistryReply.error(404, "MANIFEST_UNKNOWN", "manifest of type " + type
                    + " found, but the Accept header does not list it", JSON.createObjectNode().put("Tag", reference));
        }
        return RegistryReply.manifest(200, type, blob.get().bytes(), blob.get().digest(),
                exchange.getRequestMethod().equals("HEAD"));
    }

    private RegistryReply write(HttpExchange exchange, String name, String reference, byte[] body) {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        Optional<String> invalid = ManifestCheck.problem(contentType, body, reference);
        if (invalid.isPresent()) {
            String code = invalid.get().startsWith("digest") ? "DIGEST_INVALID" : "MANIFEST_INVALID";
            return RegistryReply.error(400, code, invalid.get(), null);
        }
        String digest = store.put(name, reference, contentType, body);
        return RegistryReply.created("/v2/" + name + "/manifests/" + digest, digest);
    }

    private RegistryReply faultReply(RegistryFault fault, String name, String action) {
        return switch (fault) {
            case UNAUTHORIZED -> unauthorized(name, action);
            case DENIED -> RegistryReply.error(403, "DENIED", "requested access to the resource is denied",
                    detail(name, action));
            case RATE_LIMIT -> RegistryReply.error(429, "TOOMANYREQUESTS", "too many requests", null)
                    .withHeader("Retry-After", Integer.toString(retryAfterSeconds));
            case RATE_LIMIT_NO_RETRY_AFTER -> RegistryReply.error(429, "TOOMANYREQUESTS", "too many requests", null);
        };
    }

    private RegistryReply unauthorized(String name, String actions) {
        String challenge = "Bearer realm=\"" + realm.get() + "\",service=\"" + service.get() + "\""
                + (name == null ? "" : ",scope=\"repository:" + name + ":" + actions + "\"");
        return RegistryReply.error(401, "UNAUTHORIZED", "authentication required", detail(name, actions))
                .withHeader("WWW-Authenticate", challenge);
    }

    private static JsonNode detail(String name, String action) {
        if (name == null) {
            return null;
        }
        var array = JSON.createArrayNode();
        array.addObject().put("Type", "repository").put("Name", name).put("Action", action);
        return array;
    }

    private static Optional<String> bearer(HttpExchange exchange) {
        List<String> values = exchange.getRequestHeaders().get("Authorization");
        if (values == null || values.isEmpty() || !values.getFirst().regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        return Optional.of(values.getFirst().substring(7).trim());
    }
}
