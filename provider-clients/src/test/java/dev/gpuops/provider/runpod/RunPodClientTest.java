package dev.gpuops.provider.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every operation's success path against the RunPod sandbox, and what the client put on the wire. */
class RunPodClientTest {

    static final String KEY = "rp-test-key-5b0f1d2e9a";

    private SandboxRunPod sim;
    private RunPodClient client;
    private String templateId;
    private String endpointId;

    @BeforeEach
    void start() {
        sim = new SandboxRunPod(KEY, SimClock.frozen());
        templateId = sim.createTemplate("sophia", "ghcr.io/kyl-solutions/sophia-runpod:v7",
                Map.of("RUNPOD_INIT_TIMEOUT", "900"));
        endpointId = sim.createEndpoint("sophia", templateId, 1, 2);
        client = clientFor(sim, KEY, new ArrayList<>());
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    static RunPodClient clientFor(SandboxRunPod sim, String key, List<Duration> sleeps) {
        RunPodConfig config = RunPodConfig.of(key).withUrls(sim.apiUrl(), sim.graphqlUrl(), sim.restUrl());
        RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20), sleeps::add,
                RandomGenerator.of("L64X128MixRandom"));
        return new RunPodClient(config, retry);
    }

    private JsonNode lastRequestBody() {
        List<RecordedExchange> all = sim.requests();
        return JsonHttp.JSON.readTree(all.get(all.size() - 1).requestBody());
    }

    @Test
    void healthReadsJobAndWorkerCounters() {
        EndpointHealth starting = client.health(endpointId);
        sim.clock().advance(Duration.ofSeconds(31));
        EndpointHealth ready = client.health(endpointId);

        assertThat(starting.workers().initializing()).isEqualTo(1);
        assertThat(ready.workers().ready()).isEqualTo(1);
        assertThat(ready.workers().idle()).isEqualTo(1);
        assertThat(ready.jobs().inQueue()).isZero();
        assertThat(ready.missingCounters()).isEmpty();
        assertThat(ready.summary()).isEqualTo("queue 0, workers: 1 ready");
        assertThat(sim.requests()).extracting(RecordedExchange::authScheme).containsOnly("Bearer");
    }

    @Test
    void healthToleratesMissingWorkerCounters() {
        sim.omitWorkerCounters("initializing", "ready", "throttled", "unhealthy");
        sim.clock().advance(Duration.ofSeconds(31));

        EndpointHealth health = client.health(endpointId);

        assertThat(health.workers().idle()).isEqualTo(1);
        assertThat(health.workers().ready()).isZero();
        assertThat(health.workers().up()).isEqualTo(1);
        assertThat(health.missingCounters()).containsExactly("workers.initializing", "workers.ready",
                "workers.throttled", "workers.unhealthy");
    }

    @Test
    void runQueuesAJobWithPolicyAndStatusFollowsItToCompletion() {
        Job job = client.run(endpointId, JsonHttp.JSON.readTree("{\"ping\":true}"),
                JobPolicy.executionTimeout(Duration.ofMinutes(2)));

        assertThat(job.status()).isEqualTo(JobState.IN_QUEUE);
        assertThat(lastRequestBody().toString())
                .isEqualTo("{\"input\":{\"ping\":true},\"policy\":{\"executionTimeout\":120000}}");
        sim.clock().advance(Duration.ofSeconds(31));

        JobStatus done = client.status(endpointId, job.id());

        assertThat(done.status()).isEqualTo(JobState.COMPLETED);
        assertThat(done.delayTime()).contains(Duration.ofSeconds(30));
        assertThat(done.executionTime()).contains(Duration.ofMillis(60));
        assertThat(done.output().get("pong").asBoolean()).isTrue();
        assertThat(done.error()).isNull();
    }

    @Test
    void runsyncReturnsTheFinishedJob() {
        try (SandboxRunPod fast = SandboxRunPod.start(KEY)) {
            String ep = fast.createEndpoint("e", fast.createTemplate("t", "a/b:v3", Map.of()), 1, 1);
            RunPodClient fastClient = clientFor(fast, KEY, new ArrayList<>());
            while (fastClient.health(ep).workers().ready() == 0) {
                Thread.onSpinWait();
            }

            JobStatus result = fastClient.runsync(ep, JsonHttp.JSON.readTree("{\"ping\":true}"), Duration.ofSeconds(30));

            assertThat(result.id()).startsWith("sync-");
            assertThat(result.status()).isEqualTo(JobState.COMPLETED);
            assertThat(result.output().get("version").asString()).isEqualTo("v3");
            assertThat(fast.requests().getLast().query()).isEqualTo("wait=30000");
        }
    }

    @Test
    void failedJobsCarryTheirError() {
        sim.clock().advance(Duration.ofSeconds(31));
        sim.fail(endpointId, "model-load-failed");
        Job job = client.run(endpointId, Map.of("prompt", "jazz"));
        sim.clock().advance(Duration.ofSeconds(3));

        JobStatus failed = client.status(endpointId, job.id());

        assertThat(failed.status()).isEqualTo(JobState.FAILED);
        assertThat(failed.status().isFinal()).isTrue();
        assertThat(failed.error()).isEqualTo("Model failed to load");
    }

    @Test
    void cancelAndPurgeEmptyTheQueue() {
        sim.fail(endpointId, "jobs-stuck");
        Job first = client.run(endpointId, Map.of("n", 1));
        client.run(endpointId, Map.of("n", 2));
        client.run(endpointId, Map.of("n", 3));

        assertThat(client.cancel(endpointId, first.id()).status()).isEqualTo(JobState.CANCELLED);
        assertThat(client.purgeQueue(endpointId)).isEqualTo(2);
        assertThat(client.health(endpointId).jobs().inQueue()).isZero();
    }

    @Test
    void myEndpointsListsLiveEndpointsWithEnv() {
        List<Endpoint> endpoints = client.myEndpoints();

        assertThat(endpoints).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo(endpointId);
            assertThat(e.templateId()).isEqualTo(templateId);
            assertThat(e.gpuIds()).isEqualTo("ADA_24");
            assertThat(e.env()).containsEntry("RUNPOD_INIT_TIMEOUT", "900");
        });
        assertThat(lastRequestBody().get("query").asString())
                .isEqualTo("query { myself { endpoints { id name gpuIds idleTimeout scalerType scalerValue"
                        + " templateId workersMin workersMax env { key value } } } }");
    }

    @Test
    void saveEndpointResendsRequiredFieldsAndScalesToZero() {
        Endpoint current = client.myEndpoints().getFirst();

        Endpoint saved = client.saveEndpoint(EndpointUpdate.of(current).withWorkers(0, 0));

        assertThat(saved.workersMin()).isZero();
        assertThat(saved.workersMax()).isZero();
        assertThat(lastRequestBody().get("query").asString()).startsWith("mutation { saveEndpoint(input: { id: \""
                + endpointId + "\", name: \"sophia\", templateId: \"" + templateId + "\", gpuIds: \"ADA_24\","
                + " workersMin: 0, workersMax: 0,");
        assertThat(client.health(endpointId).workers().initializing()).isZero();
    }

    @Test
    void saveTemplateEscapesUserValuesAndSendsEnvAsKeyValueList() {
        String hostileName = "sophia \"v8\"\n}) { id } }";

        Template saved = client.saveTemplate(new TemplateUpdate(templateId, hostileName,
                "ghcr.io/kyl-solutions/sophia-runpod:v8", 40, 0, "", Map.of("RUNPOD_INIT_TIMEOUT", "900")));

        assertThat(saved.name()).isEqualTo(hostileName);
        assertThat(saved.env()).containsExactly(Map.entry("RUNPOD_INIT_TIMEOUT", "900"));
        assertThat(sim.templateImage(templateId)).endsWith(":v8");
        assertThat(lastRequestBody().get("query").asString())
                .contains("env: [{ key: \"RUNPOD_INIT_TIMEOUT\", value: \"900\" }]");
    }

    @Test
    void restReadsAndPatchesEndpointsAndTemplatesWithEnvAsObject() {
        Endpoint before = client.getEndpoint(endpointId);
        Endpoint patched = client.patchEndpoint(endpointId, EndpointPatch.workers(0, 3));

        assertThat(before.gpuTypeIds()).containsExactly("NVIDIA GeForce RTX 4090");
        assertThat(patched.workersMax()).isEqualTo(3);
        assertThat(lastRequestBody().toString()).isEqualTo("{\"workersMin\":0,\"workersMax\":3}");

        Template template = client.patchTemplate(templateId, "ghcr.io/kyl-solutions/sophia-runpod:v9",
                Map.of("RUNPOD_INIT_TIMEOUT", "1200", "HF_HOME", "/runpod-volume"));

        assertThat(lastRequestBody().get("env").isObject()).isTrue();
        assertThat(template.env()).containsEntry("RUNPOD_INIT_TIMEOUT", "1200");
        assertThat(client.getTemplate(templateId).imageName()).endsWith(":v9");
        assertThat(client.getEndpoint(endpointId).version()).isEqualTo(before.version() + 1);
    }

    @Test
    void idsThatCouldEscapeTheUrlPathAreRefusedBeforeAnyCall() {
        assertThatThrownBy(() -> client.health("../v1/endpoints")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.status(endpointId, "a/b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.requests()).isEmpty();
    }

    @Test
    void unknownJobIdIsNotFoundWithRetentionHint() {
        assertThatThrownBy(() -> client.status(endpointId, "no-such-job"))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("job no-such-job on endpoint " + endpointId + " not found")
                .hasMessageContaining("30 min");
    }

    @Test
    void jobStateParsingKeepsUnknownStatesAndTheRunningAlias() {
        assertThat(JobState.parse("RUNNING")).isEqualTo(JobState.IN_PROGRESS);
        assertThat(JobState.parse("TIMED_OUT").isFinal()).isTrue();
        assertThat(JobState.parse("PAUSED")).isEqualTo(JobState.UNKNOWN);
        JobStatus s = JobStatus.from(JsonHttp.JSON.readTree("{\"id\":\"j\",\"status\":\"PAUSED\"}"));
        assertThat(s.rawStatus()).isEqualTo("PAUSED");
        assertThat(s.delayTime()).isEmpty();
    }
}
