package dev.gpuops.sandbox.runpod;

import com.sun.net.httpserver.HttpExchange;
import dev.gpuops.sandbox.support.LoopbackHttpServer;
import dev.gpuops.sandbox.support.RecordedExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A local RunPod: the serverless queue API at {@code /v2/{endpointId}/…}, GraphQL at {@code /graphql} and REST v1 at
 * {@code /v1/…}, on 127.0.0.1 and a free port. State is honest (templates, endpoints, workers with cold starts and the
 * RUNPOD_INIT_TIMEOUT kill loop, queued jobs, credit burned) and runs on a {@link SimClock}, so minutes of RunPod
 * time pass in milliseconds. Seed 003's failures are injected per endpoint with {@link #fail(String, String)}.
 */
public final class SandboxRunPod implements AutoCloseable {

    private static final double PULL_GB_PER_MINUTE = 1.4;
    private static final long CONTAINER_START_SECONDS = 10;

    private final String apiKey;
    private final SimClock clock;
    private final SimSettings settings = new SimSettings();
    private final RunPodWorld world;
    private final LoopbackHttpServer server;
    private final QueueApi queue;
    private final GraphqlApi graphql;
    private final RestApi rest;
    private final List<RecordedExchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<String> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger injectedLeft = new AtomicInteger();
    private final AtomicReference<Reply> injected = new AtomicReference<>();

    public SandboxRunPod(String apiKey, SimClock clock) {
        this.apiKey = Objects.requireNonNull(apiKey, "apiKey");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.world = new RunPodWorld(clock, settings);
        this.queue = new QueueApi(world, clock);
        this.graphql = new GraphqlApi(world);
        this.rest = new RestApi(world);
        try {
            server = LoopbackHttpServer.start(this::serve);
        } catch (IOException e) {
            throw new IllegalStateException("cannot bind the RunPod sandbox on 127.0.0.1", e);
        }
    }

    /** A sandbox whose sim time runs 1000× faster than wall time (7 minutes of init pass in 0.42 s). */
    public static SandboxRunPod start(String apiKey) {
        return new SandboxRunPod(apiKey, new SimClock(1000));
    }

    public String baseUrl() {
        return server.baseUrl();
    }

    public String apiUrl() {
        return baseUrl() + "/v2";
    }

    public String graphqlUrl() {
        return baseUrl() + "/graphql";
    }

    public String restUrl() {
        return baseUrl() + "/v1";
    }

    public SimClock clock() {
        return clock;
    }

    // ---- set-up ----

    /** Creates a serverless template and returns its id. */
    public String createTemplate(String name, String imageName, Map<String, String> env) {
        return world.apply(w -> {
            SimTemplate t = new SimTemplate(w.newId(10), name, imageName);
            t.env.putAll(env);
            w.templates.put(t.id, t);
            return t.id;
        });
    }

    /** Creates an endpoint (GPU pool ADA_24) and returns its id; workers start at once when workersMin > 0. */
    public String createEndpoint(String name, String templateId, int workersMin, int workersMax) {
        return world.apply(w -> {
            w.template(templateId);
            SimEndpoint e = new SimEndpoint(w.newId(14), name, templateId);
            e.workersMin = workersMin;
            e.workersMax = workersMax;
            w.endpoints.put(e.id, e);
            w.changed(e);
            return e.id;
        });
    }

    /** How long pulling and starting {@code image} takes (sim time); 30 s unless set. */
    public SandboxRunPod pullTime(String image, Duration duration) {
        settings.pullTimes.put(image, duration);
        return this;
    }

    /**
     * Derives the image's cold start from its size: ghcr.io pulls at about 1.4 GB per minute plus 10 s to start the
     * container, so seed 003's 14.8 GB image needs about 10.7 minutes, past RunPod's 7-minute default timeout.
     */
    public SandboxRunPod imageSize(String image, double gigabytes) {
        long pullSeconds = Math.round(gigabytes * 60 / PULL_GB_PER_MINUTE);
        return pullTime(image, Duration.ofSeconds(pullSeconds + CONTAINER_START_SECONDS));
    }

    public SandboxRunPod defaultPullTime(Duration duration) {
        settings.defaultPullTime = duration;
        return this;
    }

    /** How long a non-ping job runs (sim time); 2 s unless set. */
    public SandboxRunPod jobDuration(Duration duration) {
        settings.jobDuration = duration;
        return this;
    }

    public SandboxRunPod restartDelay(Duration duration) {
        settings.restartDelay = duration;
        return this;
    }

    /** Whether 429s carry {@code Retry-After} (seconds); they do unless turned off. */
    public SandboxRunPod retryAfterOnRateLimit(boolean enabled) {
        settings.retryAfterOnRateLimit = enabled;
        return this;
    }

    /** Leaves these worker counters out of /health, as the current docs' examples do. */
    public SandboxRunPod omitWorkerCounters(String... names) {
        settings.omittedWorkerCounters = Set.of(names);
        return this;
    }

    /** Delays every response by this much wall-clock time, to exercise client timeouts. */
    public SandboxRunPod responseDelay(Duration duration) {
        settings.responseDelay = duration;
        return this;
    }

    /** The next {@code count} authenticated requests get {@code status} (500, 503, 429…) instead of an answer. */
    public SandboxRunPod failNext(int count, int status, Integer retryAfterSeconds) {
        Reply reply = Reply.error(status, status == 429 ? "Too Many Requests" : "Internal Server Error");
        injected.set(retryAfterSeconds == null ? reply : reply.withHeader("Retry-After", "" + retryAfterSeconds));
        injectedLeft.set(count);
        return this;
    }

    // ---- faults ----

    /** Injects a named {@link Fault} into an endpoint. {@code dead-endpoint} recreates it under a new id. */
    public void fail(String endpointId, String fault) {
        Fault f = Fault.parse(fault);
        world.apply(w -> {
            SimEndpoint e = requireEndpoint(w, endpointId);
            if (f == Fault.DEAD_ENDPOINT) {
                w.kill(e);
            } else {
                e.faults.add(f);
                if (f.changesStart()) {
                    w.fleet().restartStarting(e, w.now());
                }
                w.changed(e);
            }
            return null;
        });
    }

    /** Clears every fault of the endpoint; a dead endpoint comes back and its replacement goes away. */
    public void heal(String endpointId) {
        world.apply(w -> {
            SimEndpoint e = requireEndpoint(w, endpointId);
            boolean restart = e.faults.stream().anyMatch(Fault::changesStart);
            w.revive(e);
            e.faults.clear();
            if (restart) {
                w.fleet().restartStarting(e, w.now());
            }
            w.changed(e);
            return null;
        });
    }

    /** The id that replaced a dead endpoint, if it died. */
    public String replacementOf(String endpointId) {
        return world.apply(w -> requireEndpoint(w, endpointId).replacedBy);
    }

    // ---- inspection ----

    /** Dollars spent on this endpoint's workers so far (initializing, idle and running workers are billed). */
    public double creditBurned(String endpointId) {
        return world.apply(w -> requireEndpoint(w, endpointId).creditBurned);
    }

    /** Restarts caused by init timeouts or pull failures, summed over current workers. */
    public int workerRestarts(String endpointId) {
        return world.apply(w -> requireEndpoint(w, endpointId).workers.stream().mapToInt(x -> x.restarts).sum());
    }

    public String templateImage(String templateId) {
        return world.apply(w -> w.template(templateId).imageName);
    }

    public Map<String, String> templateEnv(String templateId) {
        return world.apply(w -> Map.copyOf(w.template(templateId).env));
    }

    /**
     * Every request as it arrived ("POST /v2/ID/purge-queue"), before any {@link #responseDelay}: a crash test
     * kills the client while such a call is in flight. {@link #requests} records each once it is answered.
     */
    public List<String> received() {
        return List.copyOf(received);
    }

    public List<RecordedExchange> requests() {
        return List.copyOf(exchanges);
    }

    public void clearRequests() {
        exchanges.clear();
    }

    @Override
    public void close() {
        server.close();
    }

    private static SimEndpoint requireEndpoint(RunPodWorld w, String id) {
        SimEndpoint e = w.endpoints.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no endpoint " + id + " in the RunPod sandbox");
        }
        return e;
    }

    // ---- HTTP ----

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            received.add(exchange.getRequestMethod() + " " + path);
            String api = path.startsWith("/v2/") ? "queue" : path.equals("/graphql") ? "graphql"
                    : path.startsWith("/v1/") ? "rest" : "none";
            String body = LoopbackHttpServer.requestBody(exchange);
            SimRequest request = new SimRequest(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), exchange.getRequestHeaders(), body);
            String scheme = Auth.scheme(request, api);
            boolean accepted = Auth.accepts(request, api, apiKey);
            Reply reply = accepted ? safeRoute(api, request) : Auth.rejection(api);
            if (!settings.responseDelay.isZero()) {
                Thread.sleep(settings.responseDelay);
            }
            exchanges.add(new RecordedExchange(api, request.method(), path, Auth.scrubQuery(request.query()), null,
                    scheme, accepted, RecordedExchange.present(java.util.Collections.singletonMap("Content-Type",
                            request.header("Content-Type").orElse(null))), body, reply.status(), java.util.Map.of(),
                    reply.body()));
            send(exchange, reply);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A bug in the sandbox answers 500 with its cause, so a test sees it instead of a dropped connection. */
    private Reply safeRoute(String api, SimRequest request) throws InterruptedException {
        try {
            return route(api, request);
        } catch (RuntimeException e) {
            return Reply.error(500, "RunPod sandbox failed: " + e);
        }
    }

    private Reply route(String api, SimRequest request) throws InterruptedException {
        if (injectedLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            return injected.get();
        }
        return switch (api) {
            case "queue" -> queue.handle(request);
            case "graphql" -> graphql.handle(request);
            case "rest" -> rest.handle(request);
            default -> Reply.error(404, "not found");
        };
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
        exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
