package dev.gpuops.sandbox.lambda;

import dev.gpuops.sandbox.lambda.WireCall.Reply;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


class SandboxLambdaTest {

    private static final String LAUNCH = "{\"region_name\":\"us-east-1\",\"instance_type_name\":\"gpu_1x_a10\","
            + "\"ssh_key_names\":[\"intelligensi-lambda\"],\"file_system_names\":[],\"quantity\":1,"
            + "\"name\":\"image-server-v2\"}";

    private final SettableClock clock = new SettableClock();
    private SandboxLambda lambda;
    private String auth;

    @BeforeEach
    void start() {
        lambda = SandboxLambda.builder().clock(clock).bootDelay(Duration.ofSeconds(90))
                .terminateDelay(Duration.ofSeconds(10)).start();
        auth = "Bearer " + lambda.apiKey();
        lambda.addSshKey("intelligensi-lambda", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIexample ops@mac");
    }

    @AfterEach
    void stop() {
        lambda.close();
    }

    private Reply call(String method, String path, String body) {
        return WireCall.send(method, lambda.baseUrl() + path, auth, body);
    }

    private String launchOne() {
        Reply launched = call("POST", "/instance-operations/launch", LAUNCH);
        assertThat(launched.status()).isEqualTo(200);
        return launched.json().path("data").path("instance_ids").get(0).asString();
    }

    @Test
    void rejectsMissingOrWrongKeyWith401InvalidApiKey() {
        for (String header : new String[] {null, "Bearer wrong-key"}) {
            Reply reply = WireCall.send("GET", lambda.baseUrl() + "/instances", header, null);
            assertThat(reply.status()).isEqualTo(401);
            JsonNode error = reply.json().path("error");
            assertThat(error.path("code").asString()).isEqualTo("global/invalid-api-key");
            assertThat(error.path("message").asString()).isNotBlank();
            assertThat(error.path("suggestion").asString()).isNotBlank();
        }
    }

    @Test
    void instanceTypesListSpecsAndRegionsWithCapacity() {
        Reply reply = call("GET", "/instance-types", null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header("Content-Type")).startsWith("application/json");
        JsonNode a10 = reply.json().path("data").path("gpu_1x_a10");
        JsonNode type = a10.path("instance_type");
        assertThat(type.path("name").asString()).isEqualTo("gpu_1x_a10");
        assertThat(type.propertyNames()).contains("description", "gpu_description", "price_cents_per_hour", "specs");
        assertThat(type.path("specs").propertyNames())
                .containsExactlyInAnyOrder("vcpus", "memory_gib", "storage_gib", "gpus");
        JsonNode region = a10.path("regions_with_capacity_available").get(0);
        assertThat(region.path("name").asString()).isEqualTo("us-east-1");
        assertThat(region.path("description").asString()).isEqualTo("Virginia, USA");
        assertThat(reply.json().path("data").path("gpu_8x_a100").path("regions_with_capacity_available").isEmpty())
                .isTrue();
    }

    @Test
    void launchedInstanceBootsWithoutIpThenTurnsActiveWithAddresses() {
        String id = launchOne();
        assertThat(id).matches("[0-9a-f]{32}");

        JsonNode booting = call("GET", "/instances/" + id, null).json().path("data");
        assertThat(booting.path("status").asString()).isEqualTo("booting");
        assertThat(booting.has("ip")).isFalse();
        assertThat(booting.path("name").asString()).isEqualTo("image-server-v2");

        clock.advance(Duration.ofSeconds(90));
        JsonNode active = call("GET", "/instances/" + id, null).json().path("data");
        assertThat(active.path("status").asString()).isEqualTo("active");
        assertThat(active.path("ip").asString()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(active.propertyNames()).contains("id", "name", "ip", "private_ip", "status", "ssh_key_names",
                "region", "instance_type", "hostname");
        assertThat(active.path("region").path("name").asString()).isEqualTo("us-east-1");
        assertThat(active.path("instance_type").path("name").asString()).isEqualTo("gpu_1x_a10");
        assertThat(active.path("ssh_key_names").get(0).asString()).isEqualTo("intelligensi-lambda");

        JsonNode list = call("GET", "/instances", null).json().path("data");
        assertThat(list.isArray()).isTrue();
        assertThat(list.get(0).path("id").asString()).isEqualTo(id);
    }

    @Test
    void newInstancesGetTheConfiguredIp() {
        try (SandboxLambda local = SandboxLambda.builder().bootDelay(Duration.ZERO).newInstanceIp("127.0.0.1")
                .start()) {
            local.addSshKey("k", "ssh-ed25519 AAAA k");
            String body = LAUNCH.replace("intelligensi-lambda", "k");
            String a = "Bearer " + local.apiKey();
            String id = WireCall.send("POST", local.baseUrl() + "/instance-operations/launch", a, body).json()
                    .path("data").path("instance_ids").get(0).asString();
            JsonNode instance = WireCall.send("GET", local.baseUrl() + "/instances/" + id, a, null).json();
            assertThat(instance.path("data").path("ip").asString()).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void terminateAnswersTerminatingThenInstanceEndsTerminated() {
        String id = launchOne();
        clock.advance(Duration.ofSeconds(90));
        Reply reply = call("POST", "/instance-operations/terminate", "{\"instance_ids\":[\"" + id + "\"]}");
        assertThat(reply.status()).isEqualTo(200);
        JsonNode terminated = reply.json().path("data").path("terminated_instances");
        assertThat(terminated.get(0).path("status").asString()).isEqualTo("terminating");
        clock.advance(Duration.ofSeconds(10));
        assertThat(lambda.status(id)).contains("terminated");
    }

    @Test
    void restartAnswersRestartedInstancesAndKeepsTheIp() {
        String id = launchOne();
        clock.advance(Duration.ofSeconds(90));
        String ip = call("GET", "/instances/" + id, null).json().path("data").path("ip").asString();
        Reply reply = call("POST", "/instance-operations/restart", "{\"instance_ids\":[\"" + id + "\"]}");
        JsonNode restarted = reply.json().path("data").path("restarted_instances").get(0);
        assertThat(restarted.path("status").asString()).isEqualTo("booting");
        assertThat(restarted.path("ip").asString()).isEqualTo(ip);
    }

    @Test
    void unknownInstanceIs404ObjectDoesNotExist() {
        Reply reply = call("GET", "/instances/0000000000000000000000000000dead", null);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(reply.json().path("error").path("code").asString()).isEqualTo("global/object-does-not-exist");
    }

    @Test
    void launchWhereNoCapacityIsListedIs400InsufficientCapacity() {
        Reply reply = call("POST", "/instance-operations/launch", LAUNCH.replace("us-east-1", "us-tx-1"));
        assertThat(reply.status()).isEqualTo(400);
        JsonNode error = reply.json().path("error");
        assertThat(error.path("code").asString()).isEqualTo("instance-operations/launch/insufficient-capacity");
        assertThat(error.path("message").asString()).isEqualTo("Not enough capacity to fulfill launch request.");
    }

    @Test
    void noCapacityFaultRefusesLaunchEvenThoughCapacityIsListed() {
        lambda.fail("no-capacity");
        assertThat(call("GET", "/instance-types", null).body()).contains("us-east-1");
        Reply reply = call("POST", "/instance-operations/launch", LAUNCH);
        assertThat(reply.json().path("error").path("code").asString())
                .isEqualTo("instance-operations/launch/insufficient-capacity");
        lambda.heal();
        assertThat(call("POST", "/instance-operations/launch", LAUNCH).status()).isEqualTo(200);
    }

    @Test
    void quotaFaultIs400QuotaExceeded() {
        lambda.fail("quota-exceeded");
        Reply reply = call("POST", "/instance-operations/launch", LAUNCH);
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("code").asString()).isEqualTo("global/quota-exceeded");
    }

    @Test
    void bootStuckInstancesStayBootingUntilHealed() {
        lambda.fail("boot-stuck");
        String id = launchOne();
        clock.advance(Duration.ofHours(1));
        assertThat(lambda.status(id)).contains("booting");
        lambda.heal("boot-stuck");
        assertThat(lambda.status(id)).contains("active");
    }

    @Test
    void rateLimitIs429WithRetryAfter() {
        lambda.failNext("rate-limit", 1);
        Reply limited = call("GET", "/instances", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.json().has("error")).isTrue();
        assertThat(call("GET", "/instances", null).status()).isEqualTo(200);
    }

    @Test
    void launchesFasterThanTheIntervalAre429() {
        try (SandboxLambda limited = SandboxLambda.builder().clock(clock).launchInterval(Duration.ofSeconds(12))
                .start()) {
            limited.addSshKey("intelligensi-lambda", "ssh-ed25519 AAAA k");
            String a = "Bearer " + limited.apiKey();
            String url = limited.baseUrl() + "/instance-operations/launch";
            assertThat(WireCall.send("POST", url, a, LAUNCH).status()).isEqualTo(200);
            clock.advance(Duration.ofSeconds(5));
            Reply second = WireCall.send("POST", url, a, LAUNCH);
            assertThat(second.status()).isEqualTo(429);
            assertThat(second.header("Retry-After")).isEqualTo("7");
            clock.advance(Duration.ofSeconds(7));
            assertThat(WireCall.send("POST", url, a, LAUNCH).status()).isEqualTo(200);
        }
    }

    @Test
    void sshKeysCanBeListedAddedAndDeletedUnlessInUse() {
        Reply added = call("POST", "/ssh-keys", "{\"name\":\"generated\"}");
        assertThat(added.status()).isEqualTo(200);
        JsonNode key = added.json().path("data");
        assertThat(key.propertyNames()).contains("id", "name", "public_key", "private_key");

        JsonNode keys = call("GET", "/ssh-keys", null).json().path("data");
        assertThat(keys).extracting(k -> k.path("name").asString())
                .containsExactly("intelligensi-lambda", "generated");
        assertThat(keys.get(1).has("private_key")).isFalse();

        assertThat(call("DELETE", "/ssh-keys/" + key.path("id").asString(), null).status()).isEqualTo(200);

        launchOne();
        String inUse = keys.get(0).path("id").asString();
        Reply refused = call("DELETE", "/ssh-keys/" + inUse, null);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("error").path("code").asString()).isEqualTo("ssh-keys/key-in-use");
    }

    @Test
    void launchNeedsExactlyOneKnownSshKey() {
        Reply reply = call("POST", "/instance-operations/launch", LAUNCH.replace("intelligensi-lambda", "nope"));
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("error").path("code").asString()).isEqualTo("global/invalid-parameters");
    }

    @Test
    void recordsExchangesWithoutTheKey() {
        launchOne();
        RecordedExchange launch = lambda.exchanges().getLast();
        assertThat(launch.method()).isEqualTo("POST");
        assertThat(launch.path()).isEqualTo("/api/v1/instance-operations/launch");
        assertThat(launch.authorized()).isTrue();
        assertThat(launch.requestBody()).contains("\"region_name\"");
        assertThat(lambda.exchanges().toString()).doesNotContain(lambda.apiKey());
    }

    @Test
    void unknownFaultNamesAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> lambda.fail("meteor")).hasMessageContaining("no-capacity");
    }
}
