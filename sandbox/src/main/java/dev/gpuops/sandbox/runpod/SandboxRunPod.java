package dev.gpuops.sandbox.runpod;

import dev.gpuops.sandbox.support.RecordedExchange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A local RunPod: the serverless queue API at {@code /v2/{endpointId}/…}, GraphQL at {@code /graphql} and REST v1 at
 * {@code /v1/…}, on 127.0.0.1 and a free port. State is honest (templates, endpoints, workers with cold starts and the
 * RUNPOD_INIT_TIMEOUT kill loop, queued jobs, credit burned) and runs on a {@link SimClock}, so minutes of RunPod
 * time pass in milliseconds. Seed 003's failures are injected per endpoint with {@link #fail(String, String)}.
 */
public final class SandboxRunPod implements AutoCloseable {

    private static final double PULL_GB_PER_MINUTE = 1.4;
    private static final long CONTAINER_START_SECONDS = 10;

    private final SimClock clock;
    private final SimSettings settings = new SimSettings();
    private final RunPodWorld world;
    private final RunPodHttpFront front;

    public SandboxRunPod(String apiKey, SimClock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.world = new RunPodWorld(clock, settings);
        this.front = new RunPodHttpFront(Objects.requireNonNull(apiKey, "apiKey"), settings,
                new QueueApi(world, clock), new GraphqlApi(world), new RestApi(world));
    }

    /** A sandbox whose sim time runs 1000× faster than wall time (7 minutes of init pass in 0.42 s). */
    public static SandboxRunPod start(String apiKey) {
        return new SandboxRunPod(apiKey, new SimClock(1000));
    }

    public String baseUrl() {
        return front.baseUrl();
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
        front.failNext(count, status, retryAfterSeconds);
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
        return front.received();
    }

    public List<RecordedExchange> requests() {
        return front.requests();
    }

    public void clearRequests() {
        front.clearRequests();
    }

    @Override
    public void close() {
        front.close();
    }

    private static SimEndpoint requireEndpoint(RunPodWorld w, String id) {
        SimEndpoint e = w.endpoints.get(id);
        if (e == null) {
            throw new IllegalArgumentException("no endpoint " + id + " in the RunPod sandbox");
        }
        return e;
    }
}
