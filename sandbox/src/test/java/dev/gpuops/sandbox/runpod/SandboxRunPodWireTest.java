package dev.gpuops.sandbox.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.RecordedExchange;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every operation's request and response against the shapes in api-reference §1. */
class SandboxRunPodWireTest {

    private static final String KEY = "rpa_SANDBOXKEY0123456789ABCDEFGH";

    private SandboxRunPod sim;
    private RawHttp http;
    private String templateId;
    private String endpointId;

    @BeforeEach
    void start() {
        sim = new SandboxRunPod(KEY, SimClock.frozen());
        http = new RawHttp("Bearer " + KEY);
        templateId = sim.createTemplate("sophia", "ghcr.io/kyl-solutions/sophia-runpod:v7",
                Map.of("RUNPOD_INIT_TIMEOUT", "900"));
        endpointId = sim.createEndpoint("sophia", templateId, 1, 2);
        sim.clock().advance(Duration.ofSeconds(31));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String queue(String op) {
        return sim.apiUrl() + "/" + endpointId + "/" + op;
    }

    private static List<String> names(JsonNode node) {
        return new ArrayList<>(node.propertyNames());
    }

    @Test
    void healthCarriesAllJobAndWorkerCountersAsIntegers() {
        RawHttp.Response r = http.get(queue("health"));

        assertThat(r.status()).isEqualTo(200);
        assertThat(names(r.json())).containsExactly("jobs", "workers");
        assertThat(names(r.json().get("jobs")))
                .containsExactly("completed", "failed", "inProgress", "inQueue", "retried");
        assertThat(names(r.json().get("workers")))
                .containsExactly("idle", "initializing", "ready", "running", "throttled", "unhealthy");
        r.json().get("jobs").forEach(v -> assertThat(v.isIntegralNumber()).isTrue());
        r.json().get("workers").forEach(v -> assertThat(v.isIntegralNumber()).isTrue());
        assertThat(r.json().at("/workers/idle").asInt()).isEqualTo(1);
        assertThat(r.json().at("/workers/ready").asInt()).isEqualTo(1);
    }

    @Test
    void healthCanOmitUndocumentedCounters() {
        sim.omitWorkerCounters("initializing", "ready", "throttled", "unhealthy");

        JsonNode workers = http.get(queue("health")).json().get("workers");

        assertThat(names(workers)).containsExactly("idle", "running");
    }

    @Test
    void runReturnsIdAndStatusThenStatusReportsCompletion() {
        RawHttp.Response run = http.post(queue("run"),
                "{\"input\":{\"ping\":true},\"policy\":{\"executionTimeout\":600000,\"ttl\":86400000}}");

        assertThat(run.status()).isEqualTo(200);
        assertThat(names(run.json())).containsExactly("id", "status");
        assertThat(run.json().get("status").asString()).isEqualTo("IN_PROGRESS");
        String jobId = run.json().get("id").asString();

        sim.clock().advance(Duration.ofMillis(60));
        JsonNode status = http.get(queue("status/" + jobId)).json();

        assertThat(status.get("id").asString()).isEqualTo(jobId);
        assertThat(status.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(status.get("delayTime").isIntegralNumber()).isTrue();
        assertThat(status.get("executionTime").asLong()).isEqualTo(60);
        assertThat(status.get("output").get("pong").asBoolean()).isTrue();
        assertThat(status.get("output").get("version").asString()).isEqualTo("v7");
        assertThat(status.has("error")).isFalse();
    }

    @Test
    void queuedJobIsInQueueAndCancelReturnsCancelled() {
        sim.fail(endpointId, "jobs-stuck");
        String jobId = http.post(queue("run"), "{\"input\":{\"prompt\":\"x\"}}").json().get("id").asString();

        assertThat(http.get(queue("status/" + jobId)).json().get("status").asString()).isEqualTo("IN_QUEUE");
        RawHttp.Response cancel = http.post(queue("cancel/" + jobId), "");

        assertThat(cancel.status()).isEqualTo(200);
        assertThat(names(cancel.json())).containsExactly("id", "status");
        assertThat(cancel.json().get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void failedJobCarriesErrorAndCanBeRetried() {
        sim.fail(endpointId, "model-load-failed");
        String jobId = http.post(queue("run"), "{\"input\":{\"prompt\":\"x\"}}").json().get("id").asString();
        sim.clock().advance(Duration.ofSeconds(3));

        JsonNode status = http.get(queue("status/" + jobId)).json();
        assertThat(status.get("status").asString()).isEqualTo("FAILED");
        assertThat(status.get("error").asString()).isEqualTo("Model failed to load");

        RawHttp.Response retry = http.post(queue("retry/" + jobId), "");
        assertThat(retry.json().get("status").asString()).isIn("IN_QUEUE", "IN_PROGRESS");
        assertThat(http.get(queue("health")).json().at("/jobs/retried").asInt()).isEqualTo(1);
    }

    @Test
    void runsyncWaitsForTheResultWithSyncPrefixedId() {
        try (SandboxRunPod fast = SandboxRunPod.start(KEY)) {
            String tpl = fast.createTemplate("t", "docker.io/acme/worker:v1", Map.of());
            String ep = fast.createEndpoint("e", tpl, 1, 1);
            RawHttp.Response ready;
            do {
                ready = http.get(fast.apiUrl() + "/" + ep + "/health");
            } while (ready.json().at("/workers/idle").asInt() == 0);

            RawHttp.Response sync = http.post(fast.apiUrl() + "/" + ep + "/runsync?wait=30000",
                    "{\"input\":{\"ping\":true}}");

            assertThat(sync.status()).isEqualTo(200);
            assertThat(names(sync.json())).contains("delayTime", "executionTime", "id", "output", "status");
            assertThat(sync.json().get("id").asString()).startsWith("sync-");
            assertThat(sync.json().get("status").asString()).isEqualTo("COMPLETED");
        }
    }

    @Test
    void purgeQueueReportsRemovedCountAndCompleted() {
        sim.fail(endpointId, "jobs-stuck");
        http.post(queue("run"), "{\"input\":{}}");
        http.post(queue("run"), "{\"input\":{}}");

        RawHttp.Response purge = http.post(queue("purge-queue"), "");

        assertThat(purge.status()).isEqualTo(200);
        assertThat(names(purge.json())).containsExactly("removed", "status");
        assertThat(purge.json().get("removed").asInt()).isEqualTo(2);
        assertThat(purge.json().get("status").asString()).isEqualTo("completed");
    }

    @Test
    void queueApiAcceptsBearerAndBareKeyAndRejectsOthers() {
        assertThat(new RawHttp(KEY).get(queue("health")).status()).isEqualTo(200);
        assertThat(new RawHttp("Bearer nope").get(queue("health")).status()).isEqualTo(401);
        assertThat(new RawHttp(null).get(queue("health")).status()).isEqualTo(401);
        assertThat(sim.requests()).extracting(RecordedExchange::authScheme).containsExactly("bare", "Bearer", "none");
        assertThat(sim.requests()).allSatisfy(x -> assertThat(x.toString()).doesNotContain(KEY));
    }

    @Test
    void unknownEndpointIs404AndBadRunBodyIs400() {
        assertThat(http.get(sim.apiUrl() + "/gvghks6lzf4rfc/health").status()).isEqualTo(404);
        assertThat(http.post(queue("run"), "{\"prompt\":1}").status()).isEqualTo(400);
        assertThat(http.get(queue("status/does-not-exist")).status()).isEqualTo(404);
    }

    @Test
    void graphqlListsEndpointsWithOnlyTheSelectedFields() {
        RawHttp.Response r = http.graphql(sim.graphqlUrl(), "query { myself { endpoints { id name gpuIds idleTimeout"
                + " scalerType scalerValue templateId workersMin workersMax env { key value } } } }");

        assertThat(r.status()).isEqualTo(200);
        JsonNode endpoint = r.json().at("/data/myself/endpoints/0");
        assertThat(names(endpoint)).containsExactly("id", "name", "gpuIds", "idleTimeout", "scalerType",
                "scalerValue", "templateId", "workersMin", "workersMax", "env");
        assertThat(endpoint.get("id").asString()).isEqualTo(endpointId);
        assertThat(endpoint.get("gpuIds").isString()).isTrue();
        assertThat(endpoint.get("workersMax").isIntegralNumber()).isTrue();
        assertThat(endpoint.get("env").get(0).get("key").asString()).isEqualTo("RUNPOD_INIT_TIMEOUT");
        assertThat(endpoint.get("env").get(0).get("value").asString()).isEqualTo("900");
    }

    @Test
    void graphqlSaveEndpointAsInSeed003ScalesToZero() {
        String mutation = "mutation { saveEndpoint(input: { id: \"" + endpointId + "\", name: \"sophia\", templateId: \""
                + templateId + "\", gpuIds: \"ADA_24\", workersMin: 0, workersMax: 0, idleTimeout: 30,"
                + " executionTimeoutMs: 600000, scalerType: \"QUEUE_DELAY\", scalerValue: 1 }) { id workersMax } }";

        RawHttp.Response r = http.graphql(sim.graphqlUrl() + "?api_key=" + KEY, mutation);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/saveEndpoint/id").asString()).isEqualTo(endpointId);
        assertThat(r.json().at("/data/saveEndpoint/workersMax").asInt()).isZero();
        assertThat(http.get(queue("health")).json().at("/workers/idle").asInt()).isZero();
        assertThat(sim.requests().get(0).query()).doesNotContain(KEY);
    }

    @Test
    void graphqlSaveTemplateTakesEnvAsKeyValueList() {
        String mutation = "mutation { saveTemplate(input: { id: \"" + templateId + "\", name: \"sophia-v8\","
                + " imageName: \"ghcr.io/kyl-solutions/sophia-runpod:v8\", containerDiskInGb: 40, volumeInGb: 0,"
                + " dockerArgs: \"\", env: [{key: \"RUNPOD_INIT_TIMEOUT\", value: \"900\"}] }) { id imageName env { key value } } }";

        RawHttp.Response r = http.graphql(sim.graphqlUrl(), mutation);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/data/saveTemplate/imageName").asString()).endsWith(":v8");
        assertThat(sim.templateImage(templateId)).endsWith(":v8");
    }

    @Test
    void graphqlRejectsEnvObjectUnknownFieldsRawNewlinesAndMissingRequiredFields() {
        String envObject = "mutation { saveTemplate(input: { id: \"" + templateId + "\", name: \"n\", imageName: \"i:1\","
                + " containerDiskInGb: 40, volumeInGb: 0, env: {RUNPOD_INIT_TIMEOUT: \"900\"} }) { id } }";
        assertThat(firstError(http.graphql(sim.graphqlUrl(), envObject)))
                .isEqualTo("Field \"RUNPOD_INIT_TIMEOUT\" is not defined by type \"EnvironmentVariableInput\".");
        assertThat(firstError(http.graphql(sim.graphqlUrl(), "query { myself { endpoints { id bogus } } }")))
                .isEqualTo("Cannot query field \"bogus\" on type \"Endpoint\".");
        assertThat(firstError(http.graphql(sim.graphqlUrl(),
                "mutation { saveEndpoint(input: { name: \"a\nb\", templateId: \"x\", gpuIds: \"ADA_24\" }) { id } }")))
                .startsWith("Syntax Error: Unterminated string");
        assertThat(firstError(http.graphql(sim.graphqlUrl(),
                "mutation { saveEndpoint(input: { id: \"" + endpointId + "\", workersMax: 0 }) { id } }")))
                .isEqualTo("Field \"EndpointInput.name\" of required type \"String!\" was not provided.");
        assertThat(sim.templateImage(templateId)).endsWith(":v7");
    }

    @Test
    void graphqlResolverErrorsAreHttp200WithNullData() {
        RawHttp.Response r = http.graphql(sim.graphqlUrl(), "mutation { saveEndpoint(input: { id: \"gvghks6lzf4rfc\","
                + " name: \"s\", templateId: \"" + templateId + "\", gpuIds: \"ADA_24\" }) { id } }");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().at("/errors/0/message").asString()).isEqualTo("Endpoint gvghks6lzf4rfc not found");
        assertThat(r.json().at("/data/saveEndpoint").isNull()).isTrue();
    }

    @Test
    void graphqlWithBadKeyIs401() {
        RawHttp.Response r = new RawHttp("Bearer wrong").graphql(sim.graphqlUrl(), "query { myself { id } }");

        assertThat(r.status()).isEqualTo(401);
        assertThat(r.json().at("/errors/0/message").asString()).isEqualTo("Unauthorized");
    }

    @Test
    void restEndpointHasDocumentedFieldsAndPatchUpdatesScaling() {
        RawHttp.Response get = http.get(sim.restUrl() + "/endpoints/" + endpointId + "?includeWorkers=true");

        assertThat(get.status()).isEqualTo(200);
        assertThat(names(get.json())).contains("id", "name", "templateId", "gpuTypeIds", "workersMin", "workersMax",
                "idleTimeout", "scalerType", "scalerValue", "executionTimeoutMs", "env", "version", "workers");
        assertThat(get.json().get("env").isObject()).isTrue();
        assertThat(get.json().get("gpuTypeIds").isArray()).isTrue();

        RawHttp.Response patch = http.patch(sim.restUrl() + "/endpoints/" + endpointId,
                "{\"workersMin\":0,\"workersMax\":3}");

        assertThat(patch.status()).isEqualTo(200);
        assertThat(patch.json().get("workersMax").asInt()).isEqualTo(3);
        assertThat(http.patch(sim.restUrl() + "/endpoints/" + endpointId, "{\"workersMin\":\"1\"}").status())
                .isEqualTo(400);
    }

    @Test
    void restTemplateEnvIsAnObjectAndAListIsRejected() {
        RawHttp.Response ok = http.patch(sim.restUrl() + "/templates/" + templateId,
                "{\"imageName\":\"ghcr.io/kyl-solutions/sophia-runpod:v9\",\"env\":{\"RUNPOD_INIT_TIMEOUT\":\"1200\"}}");
        RawHttp.Response list = http.patch(sim.restUrl() + "/templates/" + templateId,
                "{\"env\":[{\"key\":\"RUNPOD_INIT_TIMEOUT\",\"value\":\"900\"}]}");

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().get("env").get("RUNPOD_INIT_TIMEOUT").asString()).isEqualTo("1200");
        assertThat(list.status()).isEqualTo(400);
        assertThat(list.json().get("message").asString()).contains("'env' must be an object");
        assertThat(sim.templateEnv(templateId)).containsEntry("RUNPOD_INIT_TIMEOUT", "1200");
        assertThat(new RawHttp(KEY).get(sim.restUrl() + "/templates/" + templateId).status()).isEqualTo(401);
    }

    private static String firstError(RawHttp.Response r) {
        assertThat(r.status()).isEqualTo(400);
        return r.json().at("/errors/0/message").asString();
    }
}
