package dev.gpuops.sandbox.vast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.lambda.WireCall.Reply;
import dev.gpuops.sandbox.lambda.WireCall;
import dev.gpuops.sandbox.support.SettableClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class SandboxVastTest {

    private final SettableClock clock = new SettableClock();
    private SandboxVast vast;
    private String auth;
    private long id;

    @BeforeEach
    void start() {
        vast = SandboxVast.builder().clock(clock).provisionDelay(Duration.ofSeconds(20))
                .loadDelay(Duration.ofSeconds(30)).rebootDelay(Duration.ofSeconds(15)).start();
        auth = "Bearer " + vast.apiKey();
        id = vast.addInstance(VastInstanceSeed.running("huihuang-gpu")
                .withExtraEnv(Map.of("HF_TOKEN", "hf_notarealtokenbutlongenough1234")));
    }

    @AfterEach
    void stop() {
        vast.close();
    }

    private Reply call(String method, String pathAndQuery, String body) {
        return WireCall.send(method, vast.baseUrl() + pathAndQuery, auth, body);
    }

    private JsonNode instance() {
        return call("GET", "/instances/" + id + "/?owner=me", null).json().path("instances");
    }

    @Test
    void listAnswersInstancesFoundAndAList() {
        Reply reply = call("GET", "/instances/?owner=me", null);
        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = reply.json();
        assertThat(body.path("instances_found").asInt()).isEqualTo(1);
        assertThat(body.path("instances").isArray()).isTrue();
        assertThat(body.path("instances").get(0).path("id").asLong()).isEqualTo(id);
    }

    @Test
    void singleInstanceGetAnswersAnObjectUnderTheSameKey() {
        JsonNode one = instance();
        assertThat(one.isObject()).isTrue();
        assertThat(one.propertyNames()).contains("id", "actual_status", "intended_status", "cur_state",
                "status_msg", "label", "public_ipaddr", "ssh_host", "ssh_port", "ports", "gpu_name", "extra_env");
        assertThat(one.path("actual_status").asString()).isEqualTo("running");
        assertThat(one.path("ssh_host").asString()).isEqualTo("ssh4.vast.ai");
        assertThat(one.path("ssh_port").asInt()).isEqualTo(34567);
        JsonNode ssh = one.path("ports").path("22/tcp").get(0);
        assertThat(ssh.path("HostPort").isString()).isTrue();
        assertThat(ssh.path("HostPort").asString()).isEqualTo("41575");
        assertThat(one.path("extra_env").get(0).get(0).asString()).isEqualTo("HF_TOKEN");
    }

    @Test
    void acceptsApiKeyQueryParameterAndRecordsItRedacted() {
        Reply reply = WireCall.send("GET", vast.baseUrl() + "/instances/?owner=me&api_key=" + vast.apiKey(), null,
                null);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(vast.exchanges().toString()).doesNotContain(vast.apiKey());
    }

    @Test
    void wrongKeyIs401() {
        Reply reply = WireCall.send("GET", vast.baseUrl() + "/instances/?owner=me", "Bearer nope", null);
        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.json().path("success").asBoolean(true)).isFalse();
    }

    @Test
    void onlyDocumentedSpellingsAreKnown() {
        assertThat(call("GET", "/instances?owner=me", null).status()).isEqualTo(404);
        Reply noOwner = call("GET", "/instances/", null);
        assertThat(noOwner.status()).isEqualTo(400);
        assertThat(noOwner.json().path("error").asString()).isEqualTo("invalid_args");
        assertThat(noOwner.json().path("msg").asString()).contains("owner=me");
    }

    @Test
    void provisioningInstanceHasNullStatusThenLoadsThenRuns() {
        long fresh = vast.addInstance(VastInstanceSeed.running("fresh").provisioning(true));
        JsonNode first = call("GET", "/instances/" + fresh + "/?owner=me", null).json().path("instances");
        assertThat(first.path("actual_status").isNull()).isTrue();
        assertThat(first.path("ports").isEmpty()).isTrue();
        clock.advance(Duration.ofSeconds(20));
        assertThat(vast.actualStatus(fresh)).contains("loading");
        clock.advance(Duration.ofSeconds(30));
        assertThat(vast.actualStatus(fresh)).contains("running");
    }

    @Test
    void stopAndStartChangeStateThroughLoading() {
        Reply stop = call("PUT", "/instances/" + id + "/", "{\"state\":\"stopped\"}");
        assertThat(stop.status()).isEqualTo(200);
        assertThat(stop.json().path("success").asBoolean()).isTrue();
        assertThat(instance().path("actual_status").asString()).isEqualTo("stopped");
        assertThat(instance().path("intended_status").asString()).isEqualTo("stopped");

        call("PUT", "/instances/" + id + "/", "{\"state\":\"running\"}");
        assertThat(instance().path("actual_status").asString()).isEqualTo("loading");
        clock.advance(Duration.ofSeconds(30));
        assertThat(instance().path("actual_status").asString()).isEqualTo("running");
    }

    @Test
    void badStateIs400InvalidArgsWithMsg() {
        Reply reply = call("PUT", "/instances/" + id + "/", "{\"state\":\"paused\"}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("success").asBoolean(true)).isFalse();
        assertThat(reply.json().path("error").asString()).isEqualTo("invalid_args");
        assertThat(reply.json().path("msg").asString()).contains("paused");
    }

    @Test
    void rebootGoesThroughRebootingBackToRunning() {
        Reply reply = call("PUT", "/instances/reboot/" + id + "/", "{}");
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        assertThat(instance().path("actual_status").asString()).isEqualTo("rebooting");
        clock.advance(Duration.ofSeconds(15));
        assertThat(instance().path("actual_status").asString()).isEqualTo("running");
    }

    @Test
    void rebootRefusalsUseTheMessageField() {
        call("PUT", "/instances/" + id + "/", "{\"state\":\"stopped\"}");
        Reply reply = call("PUT", "/instances/reboot/" + id + "/", "{}");
        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.json().path("message").asString()).contains("stopped");
        assertThat(reply.json().has("msg")).isFalse();
    }

    @Test
    void exitedContainerRecoversByReboot() {
        vast.fail(id, "exited");
        assertThat(instance().path("actual_status").asString()).isEqualTo("exited");
        assertThat(instance().path("intended_status").asString()).isEqualTo("running");
        assertThat(instance().path("status_msg").asString()).contains("exited");
        call("PUT", "/instances/reboot/" + id + "/", "{}");
        clock.advance(Duration.ofSeconds(15));
        assertThat(instance().path("actual_status").asString()).isEqualTo("running");
    }

    @Test
    void offlineMachineRefusesStartWith200SuccessFalseUntilHealed() {
        vast.fail(id, "offline");
        assertThat(instance().path("actual_status").asString()).isEqualTo("offline");
        call("PUT", "/instances/" + id + "/", "{\"state\":\"stopped\"}");
        Reply start = call("PUT", "/instances/" + id + "/", "{\"state\":\"running\"}");
        assertThat(start.status()).isEqualTo(200);
        assertThat(start.json().path("success").asBoolean(true)).isFalse();
        assertThat(start.json().path("msg").asString()).contains("offline");
        vast.heal(id);
        assertThat(instance().path("actual_status").asString()).isEqualTo("stopped");
    }

    @Test
    void destroyRemovesTheInstance() {
        Reply reply = call("DELETE", "/instances/" + id + "/", null);
        assertThat(reply.json().path("success").asBoolean()).isTrue();
        Reply gone = call("GET", "/instances/" + id + "/?owner=me", null);
        assertThat(gone.status()).isEqualTo(404);
        assertThat(call("GET", "/instances/?owner=me", null).json().path("instances_found").asInt()).isZero();
    }

    @Test
    void rateLimitIsPlainText429WithoutRetryAfter() {
        vast.failNext("rate-limit", 1);
        Reply limited = call("GET", "/instances/?owner=me", null);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.body()).isEqualTo("API requests too frequent");
        assertThat(limited.header("Content-Type")).startsWith("text/plain");
        assertThat(limited.header("Retry-After")).isNull();
        assertThat(call("GET", "/instances/?owner=me", null).status()).isEqualTo(200);
    }

    @Test
    void badGatewayIsAnHtml502() {
        vast.fail("bad-gateway");
        Reply reply = call("GET", "/instances/?owner=me", null);
        assertThat(reply.status()).isEqualTo(502);
        assertThat(reply.body()).contains("502 Bad Gateway");
        vast.heal();
        assertThat(call("GET", "/instances/?owner=me", null).status()).isEqualTo(200);
    }

    @Test
    void sshFieldsAreConfigurablePerInstance() {
        long local = vast.addInstance(VastInstanceSeed.running("local").withProxySsh("127.0.0.1", 2222)
                .withDirectSsh("127.0.0.1", 2223));
        JsonNode one = call("GET", "/instances/" + local + "/?owner=me", null).json().path("instances");
        assertThat(one.path("ssh_host").asString()).isEqualTo("127.0.0.1");
        assertThat(one.path("ssh_port").asInt()).isEqualTo(2222);
        assertThat(one.path("public_ipaddr").asString()).isEqualTo("127.0.0.1");
        assertThat(one.path("ports").path("22/tcp").get(0).path("HostPort").asString()).isEqualTo("2223");
    }
}
