package dev.gpuops.sandbox.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Seed 003's behaviours, observed only through the wire, on a frozen sim clock moved by hand. */
class SandboxRunPodBehaviourTest {

    private static final String KEY = "rpa_SANDBOXKEY0123456789ABCDEFGH";
    private static final String BIG_IMAGE = "ghcr.io/kyl-solutions/sophia-runpod:v7.1";

    private SandboxRunPod sim;
    private RawHttp http;

    @BeforeEach
    void start() {
        sim = new SandboxRunPod(KEY, SimClock.frozen());
        // seed 003: a 14.8 GB image takes 10+ minutes to pull from ghcr.io
        sim.imageSize(BIG_IMAGE, 14.8);
        http = new RawHttp("Bearer " + KEY);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode health(String endpointId) {
        return http.get(sim.apiUrl() + "/" + endpointId + "/health").json();
    }

    private void advance(int seconds) {
        sim.clock().advance(Duration.ofSeconds(seconds));
    }

    @Test
    void initTimeoutKillLoopIsVisibleThroughHealthAndFixedByRaisingTheTimeout() {
        String tpl = sim.createTemplate("sophia", BIG_IMAGE, Map.of());
        String ep = sim.createEndpoint("sophia", tpl, 1, 1);

        assertThat(health(ep).at("/workers/initializing").asInt()).isEqualTo(1);
        advance(421);
        assertThat(health(ep).at("/workers/unhealthy").asInt()).isEqualTo(1);
        assertThat(health(ep).at("/workers/initializing").asInt()).isZero();
        advance(10);
        assertThat(health(ep).at("/workers/initializing").asInt()).isEqualTo(1);
        advance(30 * 60);
        assertThat(health(ep).at("/workers/ready").asInt()).isZero();
        assertThat(sim.workerRestarts(ep)).isGreaterThanOrEqualTo(4);
        assertThat(sim.creditBurned(ep)).isPositive();

        http.patch(sim.restUrl() + "/templates/" + tpl, "{\"env\":{\"RUNPOD_INIT_TIMEOUT\":\"900\"}}");
        advance(10 * 60);
        assertThat(health(ep).at("/workers/ready").asInt()).isZero();
        advance(45);

        assertThat(health(ep).at("/workers/ready").asInt()).isEqualTo(1);
        assertThat(health(ep).at("/workers/unhealthy").asInt()).isZero();
    }

    @Test
    void jobsSubmittedBeforeAWorkerIsReadyStayInQueueUntilOneIs() {
        String tpl = sim.createTemplate("t", "docker.io/acme/worker:v1", Map.of());
        sim.pullTime("docker.io/acme/worker:v1", Duration.ofSeconds(120));
        String ep = sim.createEndpoint("e", tpl, 0, 1);
        String job = http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{\"ping\":true}}").json()
                .get("id").asString();

        assertThat(health(ep).at("/workers/initializing").asInt()).isEqualTo(1);
        advance(60);
        assertThat(status(ep, job).get("status").asString()).isEqualTo("IN_QUEUE");
        assertThat(health(ep).at("/jobs/inQueue").asInt()).isEqualTo(1);
        advance(61);

        JsonNode done = status(ep, job);
        assertThat(done.get("status").asString()).isEqualTo("COMPLETED");
        assertThat(done.get("delayTime").asLong()).isEqualTo(120_000);
    }

    @Test
    void jobsStuckFaultKeepsReadyWorkersFromPickingUpJobsUntilHealed() {
        String tpl = sim.createTemplate("t", "docker.io/acme/worker:v1", Map.of());
        String ep = sim.createEndpoint("e", tpl, 1, 1);
        advance(31);
        sim.fail(ep, "jobs-stuck");
        String job = http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{\"ping\":true}}").json()
                .get("id").asString();
        advance(600);

        assertThat(health(ep).at("/workers/idle").asInt()).isEqualTo(1);
        assertThat(status(ep, job).get("status").asString()).isEqualTo("IN_QUEUE");
        sim.heal(ep);
        advance(1);
        assertThat(status(ep, job).get("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void thirdPurgeWithinTenSecondsIsRateLimitedWithRetryAfter() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v1", Map.of()), 0, 1);
        String url = sim.apiUrl() + "/" + ep + "/purge-queue";

        assertThat(http.post(url, "").status()).isEqualTo(200);
        advance(3);
        assertThat(http.post(url, "").status()).isEqualTo(200);
        RawHttp.Response third = http.post(url, "");

        assertThat(third.status()).isEqualTo(429);
        assertThat(third.header("Retry-After")).isEqualTo("7");
        advance(7);
        assertThat(http.post(url, "").status()).isEqualTo(200);

        sim.retryAfterOnRateLimit(false);
        RawHttp.Response bare = http.post(url, "");
        assertThat(bare.status()).isEqualTo(429);
        assertThat(bare.header("Retry-After")).isNull();
    }

    @Test
    void scalingToZeroDrainsWorkersAndStopsSpend() {
        String tpl = sim.createTemplate("t", "a/b:v1", Map.of());
        String ep = sim.createEndpoint("e", tpl, 2, 2);
        advance(3600);
        double afterAnHour = sim.creditBurned(ep);
        assertThat(afterAnHour).isCloseTo(2 * 3600 * 0.00031, org.assertj.core.data.Offset.offset(0.01));

        http.patch(sim.restUrl() + "/endpoints/" + ep, "{\"workersMin\":0,\"workersMax\":0}");
        advance(3600);

        assertThat(health(ep).at("/workers/idle").asInt()).isZero();
        assertThat(sim.creditBurned(ep)).isEqualTo(afterAnHour);
    }

    @Test
    void idleWorkersAboveMinimumStopAfterIdleTimeout() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v1", Map.of()), 0, 1);
        http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{}}");
        advance(33);
        assertThat(health(ep).at("/workers/idle").asInt()).isEqualTo(1);
        advance(6);

        assertThat(health(ep).at("/workers/idle").asInt()).isZero();
        assertThat(health(ep).at("/jobs/completed").asInt()).isEqualTo(1);
    }

    @Test
    void templateImageChangeRestartsIdleWorkersAndBumpsVersion() {
        String tpl = sim.createTemplate("t", "a/b:v1", Map.of());
        String ep = sim.createEndpoint("e", tpl, 1, 1);
        advance(31);
        int before = http.get(sim.restUrl() + "/endpoints/" + ep).json().get("version").asInt();

        http.patch(sim.restUrl() + "/templates/" + tpl, "{\"imageName\":\"a/b:v2\"}");

        assertThat(health(ep).at("/workers/initializing").asInt()).isEqualTo(1);
        assertThat(http.get(sim.restUrl() + "/endpoints/" + ep).json().get("version").asInt()).isEqualTo(before + 1);
        advance(31);
        String job = http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{\"ping\":true}}").json()
                .get("id").asString();
        advance(1);
        assertThat(status(ep, job).at("/output/version").asString()).isEqualTo("v2");
    }

    @Test
    void deadEndpointIs404EverywhereAndItsReplacementIsListed() {
        String tpl = sim.createTemplate("t", "a/b:v1", Map.of());
        String ep = sim.createEndpoint("sophia", tpl, 0, 1);
        sim.fail(ep, "dead-endpoint");
        String replacement = sim.replacementOf(ep);

        assertThat(http.get(sim.apiUrl() + "/" + ep + "/health").status()).isEqualTo(404);
        assertThat(http.get(sim.restUrl() + "/endpoints/" + ep).status()).isEqualTo(404);
        JsonNode listed = http.graphql(sim.graphqlUrl(), "query { myself { endpoints { id name } } }").json();
        assertThat(listed.at("/data/myself/endpoints").size()).isEqualTo(1);
        assertThat(listed.at("/data/myself/endpoints/0/id").asString()).isEqualTo(replacement);
        assertThat(health(replacement).has("workers")).isTrue();
    }

    @Test
    void privateGhcrImageNeverBecomesReadyAndExplainsWhy() {
        String tpl = sim.createTemplate("t", "ghcr.io/kyl-solutions/sophia-runpod:v7", Map.of());
        String ep = sim.createEndpoint("e", tpl, 1, 1);
        sim.fail(ep, "ghcr-private");
        advance(31);

        assertThat(health(ep).at("/workers/unhealthy").asInt()).isEqualTo(1);
        JsonNode workers = http.get(sim.restUrl() + "/endpoints/" + ep + "?includeWorkers=true").json().get("workers");
        assertThat(workers.get(0).get("lastStatusChange").asString()).contains("unauthorized");
        advance(600);
        assertThat(health(ep).at("/workers/ready").asInt()).isZero();
    }

    @Test
    void noCapacityThrottlesWorkersWithoutSpend() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v1", Map.of()), 0, 1);
        sim.fail(ep, "no-capacity");
        http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{}}");
        advance(600);

        assertThat(health(ep).at("/workers/throttled").asInt()).isEqualTo(1);
        assertThat(sim.creditBurned(ep)).isZero();
        sim.heal(ep);
        advance(31);
        assertThat(health(ep).at("/jobs/inProgress").asInt() + health(ep).at("/jobs/completed").asInt())
                .isEqualTo(1);
    }

    @Test
    void modelLoadFailureFailsRealJobsButNotPings() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v7", Map.of()), 1, 1);
        advance(31);
        sim.fail(ep, "model-load-failed");
        String ping = http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{\"ping\":true}}").json()
                .get("id").asString();
        advance(1);
        String real = http.post(sim.apiUrl() + "/" + ep + "/run", "{\"input\":{\"prompt\":\"jazz\"}}").json()
                .get("id").asString();
        advance(3);

        assertThat(status(ep, ping).get("status").asString()).isEqualTo("COMPLETED");
        assertThat(status(ep, real).get("status").asString()).isEqualTo("FAILED");
        assertThat(status(ep, real).get("error").asString()).isEqualTo("Model failed to load");
    }

    @Test
    void injectedFailuresAnswerTheNextRequestsOnly() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v1", Map.of()), 0, 1);
        sim.failNext(2, 503, null);

        assertThat(http.get(sim.apiUrl() + "/" + ep + "/health").status()).isEqualTo(503);
        assertThat(http.get(sim.apiUrl() + "/" + ep + "/health").status()).isEqualTo(503);
        assertThat(http.get(sim.apiUrl() + "/" + ep + "/health").status()).isEqualTo(200);
    }

    @Test
    void unknownFaultNamesAreRejectedWithTheKnownOnes() {
        String ep = sim.createEndpoint("e", sim.createTemplate("t", "a/b:v1", Map.of()), 0, 1);

        assertThatThrownBy(() -> sim.fail(ep, "gpu-on-fire"))
                .hasMessageContaining("init-timeout").hasMessageContaining("jobs-stuck");
    }

    private JsonNode status(String ep, String job) {
        return http.get(sim.apiUrl() + "/" + ep + "/status/" + job).json();
    }
}
