package dev.gpuops.sandbox.registry;

import com.sun.net.httpserver.HttpExchange;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A GHCR-like OCI distribution registry: {@code /v2/} manifests (HEAD/GET/PUT, stored as the exact bytes pushed,
 * digest = sha256 of those bytes), {@code tags/list}, and the token flow ({@code /token?scope=…&service=…} behind
 * {@code WWW-Authenticate: Bearer} challenges). Public repositories allow anonymous pull; private ones and every
 * push need Basic credentials at the token endpoint.
 *
 * <p>Faults ({@link RegistryFault}): {@code ghcr-unauthorized}, {@code denied}, {@code rate-limit},
 * {@code rate-limit-no-retry-after}; scoped to a repository or {@code *}, optionally for a number of requests.
 */
public final class SandboxRegistry implements AutoCloseable {

    public static final String IMAGE_SERVER = "intelligensi-ai/intelligensi-image-server";
    public static final String LLAMA = "ggml-org/llama.cpp";
    public static final String SERVICE = "sandbox-registry";

    private final LoopbackHttpServer server;
    private final RegistryStore store = new RegistryStore();
    private final TokenIssuer issuer = new TokenIssuer(store);
    private final RegistryFaults faults = new RegistryFaults();
    private final RegistryRoutes routes;
    private final List<RecordedExchange> requests = new CopyOnWriteArrayList<>();
    private volatile String service = SERVICE;

    private SandboxRegistry(int retryAfterSeconds) throws IOException {
        this.routes = new RegistryRoutes(store, issuer, faults, () -> baseUrl() + "/token", () -> service,
                retryAfterSeconds);
        this.server = LoopbackHttpServer.start(this::handle);
    }

    /** An empty registry whose rate-limit fault asks for {@code Retry-After: 2}. */
    public static SandboxRegistry start() {
        return start(2);
    }

    public static SandboxRegistry start(int retryAfterSeconds) {
        try {
            return new SandboxRegistry(retryAfterSeconds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the registry sandbox", e);
        }
    }

    public String baseUrl() {
        return "http://" + host();
    }

    /** {@code 127.0.0.1:PORT}, the registry part of image references ({@code 127.0.0.1:PORT/owner/name:tag}). */
    public String host() {
        return "127.0.0.1:" + server.port();
    }

    /**
     * The service name this registry gives in its {@code WWW-Authenticate} challenges; GHCR says
     * {@code service="ghcr.io"}. {@link #SERVICE} until changed.
     */
    public SandboxRegistry identifyAs(String serviceName) {
        this.service = serviceName;
        return this;
    }

    // ---- seeding ----

    public SandboxRegistry repository(String name, boolean isPublic) {
        store.repository(name, isPublic);
        return this;
    }

    /** Stores {@code bytes} as-is under {@code tag}; returns their digest. */
    public String manifest(String name, String tag, String mediaType, byte[] bytes) {
        return store.put(name, tag, mediaType, bytes);
    }

    public SandboxRegistry user(String name, String token, boolean canPush) {
        issuer.user(name, token, canPush);
        return this;
    }

    /**
     * Seed 000/001: the private {@value #IMAGE_SERVER} with {@code v-123} and {@code canary} on one manifest and
     * {@code stable} on an older one, plus the public {@value #LLAMA} with an OCI index at {@code server-cuda}.
     */
    public SandboxRegistry seedDefaults() {
        repository(IMAGE_SERVER, false);
        String current = SampleManifests.dockerV2("sha256:" + "1".repeat(64), 7_023);
        manifest(IMAGE_SERVER, "v-123", SampleManifests.DOCKER_V2, current.getBytes(StandardCharsets.UTF_8));
        manifest(IMAGE_SERVER, "canary", SampleManifests.DOCKER_V2, current.getBytes(StandardCharsets.UTF_8));
        manifest(IMAGE_SERVER, "stable", SampleManifests.DOCKER_V2,
                SampleManifests.dockerV2("sha256:" + "0".repeat(64), 6_981).getBytes(StandardCharsets.UTF_8));
        repository(LLAMA, true);
        manifest(LLAMA, "server-cuda", SampleManifests.OCI_INDEX,
                SampleManifests.ociIndex().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    // ---- faults ----

    public void fail(String fault) {
        fail(RegistryFaults.ANY, fault, 0);
    }

    public void fail(String repository, String fault) {
        fail(repository, fault, 0);
    }

    /** Heals itself after {@code times} requests hit it (0: never). */
    public void fail(String repository, String fault, int times) {
        faults.fail(repository, RegistryFault.parse(fault), times);
    }

    public void heal() {
        faults.heal(null);
    }

    public void heal(String repository) {
        faults.heal(repository);
    }

    // ---- inspection ----

    /** The exact bytes stored under {@code tag}. */
    public Optional<byte[]> storedManifest(String name, String tag) {
        return store.resolve(name, tag).map(b -> b.bytes().clone());
    }

    public Optional<String> digest(String name, String tag) {
        return store.resolve(name, tag).map(RegistryStore.Blob::digest);
    }

    public Optional<String> mediaType(String name, String tag) {
        return store.resolve(name, tag).map(RegistryStore.Blob::mediaType);
    }

    public List<RecordedExchange> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.close();
    }

    // ---- wire ----

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            RegistryReply reply = exchange.getRequestURI().getPath().equals("/token")
                    ? token(exchange) : routes.handle(exchange);
            record(exchange, reply);
            reply.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.getResponseHeaders().set("X-GitHub-Request-Id", UUID.randomUUID().toString().toUpperCase());
            if (exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Content-Length", Integer.toString(reply.body().length));
                exchange.sendResponseHeaders(reply.status(), -1);
            } else {
                exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
                exchange.getResponseBody().write(reply.body());
            }
        }
    }

    private RegistryReply token(HttpExchange exchange) {
        List<String> scopes = new ArrayList<>();
        String query = exchange.getRequestURI().getRawQuery();
        for (String pair : query == null ? new String[0] : query.split("&")) {
            if (pair.startsWith("scope=")) {
                scopes.add(URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8));
            }
        }
        Optional<String> token = issuer.issue(exchange.getRequestHeaders().getFirst("Authorization"), scopes);
        if (token.isEmpty()) {
            return RegistryReply.error(401, "UNAUTHORIZED", "authentication required: bad username or token", null);
        }
        return RegistryReply.json(200, "{\"token\":\"" + token.get() + "\",\"access_token\":\"" + token.get()
                + "\",\"expires_in\":300}");
    }

    private void record(HttpExchange exchange, RegistryReply reply) {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        URI uri = exchange.getRequestURI();
        Map<String, String> sent = new HashMap<>();
        sent.put("Accept", exchange.getRequestHeaders().getFirst("Accept"));
        sent.put("Content-Type", exchange.getRequestHeaders().getFirst("Content-Type"));
        requests.add(new RecordedExchange("registry", exchange.getRequestMethod(), uri.getPath(), uri.getRawQuery(),
                null, auth == null ? null : auth.split(" ")[0], reply.status() != 401, RecordedExchange.present(sent),
                null, reply.status(), RecordedExchange.present(reply.headers()), null));
    }
}
