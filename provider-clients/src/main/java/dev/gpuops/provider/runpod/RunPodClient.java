package dev.gpuops.provider.runpod;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RunPod serverless: the queue API (health, run, runsync, status, cancel, purge-queue), GraphQL (saveEndpoint,
 * saveTemplate, myself.endpoints) and REST v1 (endpoints and templates). All calls send
 * {@code Authorization: Bearer <key>} and have timeouts. Reads (health, status, cancel, myEndpoints, getEndpoint,
 * getTemplate) are retried on connect failures, timeouts, 429 and 5xx; run, runsync, purge-queue and every save or
 * patch are sent once, because a retry could queue a job twice or race a rolling release. Cancel is retried: a
 * second cancel of the same job changes nothing.
 */
public final class RunPodClient {

    private static final Logger log = LoggerFactory.getLogger(RunPodClient.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");
    static final String DEAD_ID_HINT = "it may be a dead id after a dashboard edit (seed 003: editing some endpoint"
            + " settings recreates the endpoint under a new id); list live endpoints with the GraphQL query"
            + " myself { endpoints { id name } } (RunPodClient.myEndpoints) and update runpod.endpointId in the"
            + " targets file";

    private final RunPodConfig config;
    private final JsonHttp http;
    private final JsonHttp syncHttp;
    private final RunPodGraphql graphql;
    private final RunPodRest rest;

    public RunPodClient(RunPodConfig config) {
        this(config, RetryPolicy.defaults());
    }

    public RunPodClient(RunPodConfig config, RetryPolicy retry) {
        this.config = Objects.requireNonNull(config, "config");
        RunPodErrorMapper errors = new RunPodErrorMapper();
        this.http = new JsonHttp(RunPodErrorMapper.PROVIDER, config.connectTimeout(), config.requestTimeout(), retry,
                errors);
        this.syncHttp = new JsonHttp(RunPodErrorMapper.PROVIDER, config.connectTimeout(), config.runsyncTimeout(),
                retry, errors);
        this.graphql = new RunPodGraphql(http, config.graphqlUrl(), this::request);
        this.rest = new RunPodRest(http, config.restUrl(), this::request);
    }

    // ---- serverless queue API ----

    public EndpointHealth health(String endpointId) {
        log.debug("runpod health {}", endpointId);
        return onEndpoint(endpointId, () -> EndpointHealth.from(http.sendJson(get(queue(endpointId, "health")), true)));
    }

    /** Queues a job; the reply only says it was accepted. Poll {@link #status} for the outcome. */
    public Job run(String endpointId, JsonNode input, JobPolicy policy) {
        log.debug("runpod run {}", endpointId);
        HttpRequest.Builder request = request(queue(endpointId, "run")).POST(JsonHttp.jsonBody(runBody(input, policy)));
        return onEndpoint(endpointId, () -> Job.from(http.sendJson(request, false)));
    }

    public Job run(String endpointId, Map<String, ?> input) {
        return run(endpointId, JsonHttp.JSON.valueToTree(input), null);
    }

    /**
     * Runs a job and waits up to {@code wait} for its result; a job still queued or running after that comes back
     * IN_QUEUE/IN_PROGRESS with its id, to poll with {@link #status}. The wait is capped 5 s below the runsync timeout.
     */
    public JobStatus runsync(String endpointId, JsonNode input, Duration wait) {
        log.debug("runpod runsync {}", endpointId);
        long cap = Math.max(0, config.runsyncTimeout().minusSeconds(5).toMillis());
        long waitMs = Math.min(Math.max(0, wait.toMillis()), cap);
        URI uri = URI.create(queue(endpointId, "runsync") + "?wait=" + waitMs);
        HttpRequest.Builder request = request(uri).POST(JsonHttp.jsonBody(runBody(input, null)));
        return onEndpoint(endpointId, () -> JobStatus.from(syncHttp.sendJson(request, false)));
    }

    public JobStatus status(String endpointId, String jobId) {
        log.debug("runpod status {} {}", endpointId, jobId);
        URI uri = queue(endpointId, "status/" + checkId(jobId, "job id"));
        return onJob(endpointId, jobId, () -> JobStatus.from(http.sendJson(get(uri), true)));
    }

    public Job cancel(String endpointId, String jobId) {
        log.debug("runpod cancel {} {}", endpointId, jobId);
        URI uri = queue(endpointId, "cancel/" + checkId(jobId, "job id"));
        return onJob(endpointId, jobId, () -> Job.from(http.sendJson(request(uri).POST(empty()), true)));
    }

    /** Removes every job still IN_QUEUE (running jobs continue) and returns how many were removed. */
    public int purgeQueue(String endpointId) {
        log.debug("runpod purge-queue {}", endpointId);
        HttpRequest.Builder request = request(queue(endpointId, "purge-queue")).POST(empty());
        JsonNode reply = onEndpoint(endpointId, () -> http.sendJson(request, false));
        return reply.path("removed").asInt(0);
    }

    // ---- GraphQL ----

    public List<Endpoint> myEndpoints() {
        log.debug("runpod graphql myself.endpoints");
        return graphql.myEndpoints();
    }

    public Endpoint saveEndpoint(EndpointUpdate update) {
        log.debug("runpod graphql saveEndpoint {}", update.id());
        return graphql.saveEndpoint(update);
    }

    public Template saveTemplate(TemplateUpdate update) {
        log.debug("runpod graphql saveTemplate {}", update.id());
        return graphql.saveTemplate(update);
    }

    // ---- REST v1 ----

    public Endpoint getEndpoint(String endpointId) {
        log.debug("runpod rest GET endpoint {}", endpointId);
        return onEndpoint(endpointId, () -> rest.getEndpoint(checkId(endpointId, "endpoint id")));
    }

    /** Changes only the patch's non-null fields. Template or env changes start a rolling release. */
    public Endpoint patchEndpoint(String endpointId, EndpointPatch patch) {
        log.debug("runpod rest PATCH endpoint {} {}", endpointId, patch);
        return onEndpoint(endpointId, () -> rest.patchEndpoint(checkId(endpointId, "endpoint id"), patch));
    }

    public Template getTemplate(String templateId) {
        log.debug("runpod rest GET template {}", templateId);
        return onTemplate(templateId, () -> rest.getTemplate(checkId(templateId, "template id")));
    }

    /**
     * Sets the image and/or the environment (null leaves either unchanged). {@code env} replaces the whole
     * environment, so pass the merged map; it is sent as REST's JSON object, not GraphQL's key/value list.
     */
    public Template patchTemplate(String templateId, String imageName, Map<String, String> env) {
        log.debug("runpod rest PATCH template {} image={} env={}", templateId, imageName, EnvVars.describe(env));
        return onTemplate(templateId, () -> rest.patchTemplate(checkId(templateId, "template id"), imageName, env));
    }

    @Override
    public String toString() {
        return "RunPodClient[" + config.apiUrl() + "]";
    }

    // ---- plumbing ----

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri)
                .header("Authorization", "Bearer " + config.apiKey())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .header("User-Agent", "gpuops");
    }

    private HttpRequest.Builder get(URI uri) {
        return request(uri).GET();
    }

    private static HttpRequest.BodyPublisher empty() {
        return HttpRequest.BodyPublishers.noBody();
    }

    private URI queue(String endpointId, String operation) {
        return JsonHttp.join(config.apiUrl(), "/" + checkId(endpointId, "endpoint id") + "/" + operation);
    }

    private static ObjectNode runBody(JsonNode input, JobPolicy policy) {
        ObjectNode body = JsonHttp.JSON.createObjectNode();
        body.set("input", input == null ? JsonHttp.JSON.createObjectNode() : input);
        if (policy != null) {
            body.set("policy", policy.toJson());
        }
        return body;
    }

    /** Ids go into URL paths: anything but RunPod's id alphabet is refused before it can reach one. */
    static String checkId(String id, String what) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("RunPod " + what + " must be letters, digits, '-' or '_': '"
                    + id + "'");
        }
        return id;
    }

    private static <T> T onEndpoint(String endpointId, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException.NotFound e) {
            throw notFound(e, "endpoint " + endpointId + " not found — " + DEAD_ID_HINT);
        }
    }

    private static <T> T onJob(String endpointId, String jobId, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException.NotFound e) {
            throw notFound(e, "job " + jobId + " on endpoint " + endpointId + " not found — results are kept 30 min"
                    + " after /run and 1 min after /runsync; if the endpoint itself is gone, " + DEAD_ID_HINT);
        }
    }

    private static <T> T onTemplate(String templateId, Supplier<T> call) {
        try {
            return call.get();
        } catch (ProviderException.NotFound e) {
            throw notFound(e, "template " + templateId + " not found — check runpod.templateId in the targets file"
                    + " against the endpoint's templateId (RunPodClient.getEndpoint)");
        }
    }

    private static ProviderException.NotFound notFound(ProviderException.NotFound e, String message) {
        return new ProviderException.NotFound(e.provider(), e.status(), e.requestId().orElse(null), message);
    }
}
