package dev.gpuops.provider.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** One recorded request and response per operation, checked against api-reference §1. */
class RunPodWireShapesTest {

    private SandboxRunPod sim;
    private RunPodClient client;
    private String templateId;
    private String endpointId;

    @BeforeEach
    void start() {
        sim = new SandboxRunPod(RunPodClientTest.KEY, SimClock.frozen());
        templateId = sim.createTemplate("sophia", "ghcr.io/kyl-solutions/sophia-runpod:v7", Map.of());
        endpointId = sim.createEndpoint("sophia", templateId, 1, 1);
        sim.clock().advance(Duration.ofSeconds(31));
        client = RunPodClientTest.clientFor(sim, RunPodClientTest.KEY, new ArrayList<>());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private RecordedExchange only() {
        List<RecordedExchange> all = sim.requests();
        assertThat(all).hasSize(1);
        sim.clearRequests();
        RecordedExchange x = all.getFirst();
        assertThat(x.authScheme()).isEqualTo("Bearer");
        assertThat(x.status()).isEqualTo(200);
        return x;
    }

    private static JsonNode json(String text) {
        return JsonHttp.JSON.readTree(text);
    }

    private static List<String> names(JsonNode n) {
        return new ArrayList<>(n.propertyNames());
    }

    @Test
    void queueApiOperations() {
        client.health(endpointId);
        RecordedExchange health = only();
        assertThat(health.method() + " " + health.path()).isEqualTo("GET /v2/" + endpointId + "/health");
        assertThat(names(json(health.responseBody()))).containsExactly("jobs", "workers");

        sim.fail(endpointId, "jobs-stuck");
        Job job = client.run(endpointId, Map.of("ping", true));
        RecordedExchange run = only();
        assertThat(run.method() + " " + run.path()).isEqualTo("POST /v2/" + endpointId + "/run");
        assertThat(json(run.requestBody()).toString()).isEqualTo("{\"input\":{\"ping\":true}}");
        assertThat(names(json(run.responseBody()))).containsExactly("id", "status");

        client.status(endpointId, job.id());
        RecordedExchange status = only();
        assertThat(status.method() + " " + status.path()).isEqualTo("GET /v2/" + endpointId + "/status/" + job.id());
        assertThat(json(status.responseBody()).get("status").asString()).isEqualTo("IN_QUEUE");

        client.cancel(endpointId, job.id());
        RecordedExchange cancel = only();
        assertThat(cancel.method() + " " + cancel.path()).isEqualTo("POST /v2/" + endpointId + "/cancel/" + job.id());
        assertThat(json(cancel.responseBody()).toString())
                .isEqualTo("{\"id\":\"" + job.id() + "\",\"status\":\"CANCELLED\"}");

        client.purgeQueue(endpointId);
        RecordedExchange purge = only();
        assertThat(purge.method() + " " + purge.path()).isEqualTo("POST /v2/" + endpointId + "/purge-queue");
        assertThat(json(purge.responseBody()).toString()).isEqualTo("{\"removed\":0,\"status\":\"completed\"}");

        sim.heal(endpointId);
        client.runsync(endpointId, json("{\"ping\":true}"), Duration.ofSeconds(10));
        RecordedExchange runsync = only();
        assertThat(runsync.method() + " " + runsync.path() + "?" + runsync.query())
                .isEqualTo("POST /v2/" + endpointId + "/runsync?wait=10000");
        assertThat(json(runsync.responseBody()).get("id").asString()).startsWith("sync-");
    }

    @Test
    void graphqlOperations() {
        Endpoint endpoint = client.myEndpoints().getFirst();
        RecordedExchange list = only();
        assertThat(list.method() + " " + list.path()).isEqualTo("POST /graphql");
        assertThat(names(json(list.requestBody()))).containsExactly("query");
        assertThat(names(json(list.responseBody()).at("/data/myself/endpoints/0"))).containsExactly("id", "name",
                "gpuIds", "idleTimeout", "scalerType", "scalerValue", "templateId", "workersMin", "workersMax", "env");

        client.saveEndpoint(EndpointUpdate.of(endpoint).withWorkers(0, 2));
        RecordedExchange save = only();
        assertThat(json(save.requestBody()).get("query").asString()).startsWith("mutation { saveEndpoint(input: {");
        assertThat(json(save.responseBody()).at("/data/saveEndpoint/workersMax").asInt()).isEqualTo(2);

        client.saveTemplate(new TemplateUpdate(templateId, "sophia", "ghcr.io/kyl-solutions/sophia-runpod:v8", 40, 0,
                "", Map.of("RUNPOD_INIT_TIMEOUT", "900")));
        RecordedExchange template = only();
        assertThat(json(template.responseBody()).at("/data/saveTemplate/env/0").toString())
                .isEqualTo("{\"key\":\"RUNPOD_INIT_TIMEOUT\",\"value\":\"900\"}");
    }

    @Test
    void restOperations() {
        client.getEndpoint(endpointId);
        RecordedExchange get = only();
        assertThat(get.method() + " " + get.path()).isEqualTo("GET /v1/endpoints/" + endpointId);
        JsonNode endpoint = json(get.responseBody());
        assertThat(endpoint.get("env").isObject()).isTrue();
        assertThat(endpoint.get("version").isIntegralNumber()).isTrue();

        client.patchEndpoint(endpointId, EndpointPatch.workers(0, 0));
        RecordedExchange patch = only();
        assertThat(patch.method() + " " + patch.path()).isEqualTo("PATCH /v1/endpoints/" + endpointId);
        assertThat(json(patch.requestBody()).toString()).isEqualTo("{\"workersMin\":0,\"workersMax\":0}");

        client.getTemplate(templateId);
        assertThat(only().path()).isEqualTo("/v1/templates/" + templateId);

        client.patchTemplate(templateId, "ghcr.io/kyl-solutions/sophia-runpod:v8", Map.of("RUNPOD_INIT_TIMEOUT", "900"));
        RecordedExchange patchTemplate = only();
        assertThat(patchTemplate.method()).isEqualTo("PATCH");
        assertThat(json(patchTemplate.requestBody()).toString()).isEqualTo(
                "{\"imageName\":\"ghcr.io/kyl-solutions/sophia-runpod:v8\",\"env\":{\"RUNPOD_INIT_TIMEOUT\":\"900\"}}");
        assertThat(json(patchTemplate.responseBody()).get("env").get("RUNPOD_INIT_TIMEOUT").asString())
                .isEqualTo("900");
    }
}
