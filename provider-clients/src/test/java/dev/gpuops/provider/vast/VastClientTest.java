package dev.gpuops.provider.vast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.provider.lambda.RecordingSleeper;
import dev.gpuops.provider.support.JsonHttp;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.sandbox.support.RecordedExchange;
import dev.gpuops.sandbox.vast.SandboxVast;
import dev.gpuops.sandbox.vast.VastInstanceSeed;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class VastClientTest {

    private SandboxVast sandbox;
    private RecordingSleeper sleeper;
    private VastClient client;
    private long id;

    @BeforeEach
    void start() {
        sandbox = SandboxVast.builder().loadDelay(Duration.ZERO).rebootDelay(Duration.ZERO).start();
        id = sandbox.addInstance(VastInstanceSeed.running("huihuang-gpu")
                .withExtraEnv(Map.of("HF_TOKEN", "hf_notarealtokenbutlongenough1234")));
        sleeper = new RecordingSleeper();
        client = new VastClient(new VastConfig(sandbox.apiKey()).withApiUrl(sandbox.baseUrl()), sleeper.policy());
    }

    @AfterEach
    void stop() {
        sandbox.close();
    }

    @Test
    void listsInstancesWithOwnerMe() {
        List<VastInstance> instances = client.listInstances();
        assertThat(instances).extracting(VastInstance::id).containsExactly(id);
        RecordedExchange list = sandbox.exchanges().getLast();
        assertThat(list.path()).isEqualTo("/api/v0/instances/");
        assertThat(list.query()).isEqualTo("owner=me");
        assertThat(list.authorized()).isTrue();
    }

    @Test
    void readsOneInstanceFromTheObjectShapedAnswer() {
        VastInstance instance = client.getInstance(id);
        assertThat(instance.actualStatus()).isEqualTo(VastStatus.RUNNING);
        assertThat(instance.intendedStatus()).isEqualTo("running");
        assertThat(instance.label()).isEqualTo("huihuang-gpu");
        assertThat(instance.gpuName()).isEqualTo("RTX 4090");
        assertThat(instance.ports()).containsEntry("22/tcp", 41575);
        assertThat(instance.extraEnvNames()).containsExactly("HF_TOKEN");
        assertThat(instance.toString()).doesNotContain("hf_notarealtoken");
        assertThat(sandbox.exchanges().getLast().path()).isEqualTo("/api/v0/instances/" + id + "/");
    }

    @Test
    void readsOneInstanceFromAListShapedAnswerToo() throws IOException {
        String body = "{\"instances\":[{\"id\":7,\"actual_status\":\"loading\"},{\"id\":8,\"actual_status\":\"running\","
                + "\"ssh_host\":\"ssh2.vast.ai\",\"ssh_port\":\"20008\"}]}";
        HttpServer stub = stub(200, body);
        try {
            VastClient c = clientFor("http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v0");
            VastInstance eight = c.getInstance(8);
            assertThat(eight.actualStatus()).isEqualTo(VastStatus.RUNNING);
            assertThat(eight.sshPort()).isEqualTo(20008);
            assertThatThrownBy(() -> c.getInstance(9)).isInstanceOf(ProviderException.NotFound.class)
                    .hasMessageContaining("vast.instanceId");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void nullInstanceIsNotFound() throws IOException {
        HttpServer stub = stub(200, "{\"instances\":null}");
        try {
            VastClient c = clientFor("http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v0");
            assertThatThrownBy(() -> c.getInstance(5)).isInstanceOf(ProviderException.NotFound.class);
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void unknownInstanceIsNotFound() {
        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> client.getInstance(99));
        assertThat(e.status()).isEqualTo(404);
    }

    @Test
    void stopAndStartSendTheDeclarativeState() {
        client.stop(id);
        assertThat(sandbox.exchanges().getLast().requestBody()).isEqualTo("{\"state\":\"stopped\"}");
        assertThat(client.getInstance(id).actualStatus()).isEqualTo(VastStatus.STOPPED);
        client.start(id);
        RecordedExchange start = sandbox.exchanges().get(sandbox.exchanges().size() - 1);
        assertThat(start.method()).isEqualTo("PUT");
        assertThat(JsonHttp.JSON.readTree(start.requestBody()).path("state").asString()).isEqualTo("running");
        assertThat(client.getInstance(id).actualStatus()).isEqualTo(VastStatus.RUNNING);
    }

    @Test
    void rebootsAndDestroys() {
        client.reboot(id);
        RecordedExchange reboot = sandbox.exchanges().getLast();
        assertThat(reboot.method()).isEqualTo("PUT");
        assertThat(reboot.path()).isEqualTo("/api/v0/instances/reboot/" + id + "/");
        client.destroy(id);
        assertThat(sandbox.exchanges().getLast().method()).isEqualTo("DELETE");
        assertThat(client.listInstances()).isEmpty();
    }

    @Test
    void invalidArgsWithMsgIsPermanentAndKeepsVastsText() throws IOException {
        HttpServer stub = stub(400, "{\"success\":false,\"error\":\"invalid_args\",\"msg\":\"bad state value\"}");
        try {
            VastClient c = clientFor("http://127.0.0.1:" + stub.getAddress().getPort() + "/api/v0");
            ProviderException.Permanent e = catchThrowableOfType(ProviderException.Permanent.class,
                    () -> c.start(3));
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.getMessage()).contains("invalid_args", "bad state value");
        } finally {
            stub.stop(0);
        }
    }

    @Test
    void invalidArgsWithMessageFieldIsReadToo() {
        client.stop(id);
        ProviderException.Permanent e = catchThrowableOfType(ProviderException.Permanent.class,
                () -> client.reboot(id));
        assertThat(e.getMessage()).contains("invalid_args", "is stopped; start it instead of rebooting");
    }

    @Test
    void successFalseInAnOkAnswerIsAFailure() {
        client.stop(id);
        sandbox.fail(id, "offline");
        ProviderException.Permanent e = catchThrowableOfType(ProviderException.Permanent.class,
                () -> client.start(id));
        assertThat(e.status()).isEqualTo(200);
        assertThat(e.getMessage()).contains("refused", "offline");
    }

    @Test
    void wrongKeyIsAnAuthFailure() {
        VastClient wrong = new VastClient(new VastConfig("not-the-key").withApiUrl(sandbox.baseUrl()),
                sleeper.policy());
        ProviderException.Auth e = catchThrowableOfType(ProviderException.Auth.class, wrong::listInstances);
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("VAST_API_KEY");
    }

    @Test
    void plainText429IsRetriedWithGrowingBackoff() {
        sandbox.failNext("rate-limit", 3);
        assertThat(client.listInstances()).hasSize(1);
        List<Duration> sleeps = sleeper.sleeps();
        assertThat(sleeps).hasSize(3);
        assertThat(sleeps.get(1)).isGreaterThan(sleeps.get(0));
        assertThat(sleeps.get(2)).isGreaterThan(sleeps.get(1));
    }

    @Test
    void persistent429SurfacesVastsTextWithoutARetryHint() {
        sandbox.fail("rate-limit");
        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                client::listInstances);
        assertThat(e.retryAfter()).isEmpty();
        assertThat(e.getMessage()).contains("API requests too frequent");
        assertThat(sandbox.exchanges()).hasSize(4);
    }

    @Test
    void badGatewayIsRetriedForReadsAndStateChangesButNotForReboot() {
        sandbox.failNext("bad-gateway", 1);
        assertThat(client.getInstance(id).id()).isEqualTo(id);
        sandbox.failNext("bad-gateway", 1);
        client.stop(id);
        assertThat(sleeper.sleeps()).hasSize(2);

        client.start(id);
        sandbox.clearExchanges();
        sandbox.failNext("bad-gateway", 1);
        ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                () -> client.reboot(id));
        assertThat(e.status()).isEqualTo(502);
        assertThat(sandbox.exchanges()).hasSize(1);
    }

    @Test
    void slowAnswersTimeOut() {
        try (SandboxVast slow = SandboxVast.builder().slowDelay(Duration.ofSeconds(3)).start()) {
            slow.fail("slow");
            VastConfig config = new VastConfig(slow.apiKey()).withApiUrl(slow.baseUrl())
                    .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(200));
            VastClient impatient = new VastClient(config, sleeper.policy().withMaxAttempts(1));
            ProviderException.Transient e = catchThrowableOfType(ProviderException.Transient.class,
                    impatient::listInstances);
            assertThat(e.status()).isZero();
            assertThat(e.getMessage()).contains("timed out");
        }
    }

    @Test
    void resolvesDirectSshWhenPublishedOtherwiseTheProxy() {
        VastSshEndpoint direct = client.resolveSsh(client.getInstance(id));
        assertThat(direct).isEqualTo(new VastSshEndpoint("203.0.113.17", 41575, VastSshEndpoint.Route.DIRECT));
        assertThat(client.sshEndpoints(client.getInstance(id))).extracting(VastSshEndpoint::route)
                .containsExactly(VastSshEndpoint.Route.DIRECT, VastSshEndpoint.Route.PROXY);

        long proxied = sandbox.addInstance(VastInstanceSeed.running("proxied").withoutDirectSsh()
                .withProxySsh("ssh7.vast.ai", 27001));
        VastSshEndpoint proxy = client.resolveSsh(client.getInstance(proxied));
        assertThat(proxy.route()).isEqualTo(VastSshEndpoint.Route.PROXY);
        assertThat(proxy.command()).isEqualTo("ssh -p 27001 root@ssh7.vast.ai");
    }

    @Test
    void noSshEndpointYetIsTransient() {
        VastInstance bare = VastJson.instance(JsonHttp.JSON.readTree("{\"id\":4,\"actual_status\":null}"));
        assertThat(bare.actualStatus()).isEqualTo(VastStatus.PROVISIONING);
        assertThatThrownBy(() -> client.resolveSsh(bare)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("no SSH endpoint yet");
    }

    @Test
    void statusValuesAreParsedTolerantly() {
        assertThat(VastStatus.parse(null)).isEqualTo(VastStatus.PROVISIONING);
        assertThat(VastStatus.parse("unknown")).isEqualTo(VastStatus.UNKNOWN);
        assertThat(VastStatus.parse("frozen")).isEqualTo(VastStatus.FROZEN);
        assertThat(VastStatus.parse("hibernating")).isEqualTo(VastStatus.OTHER);
    }

    private VastClient clientFor(String url) {
        return new VastClient(new VastConfig("stub-key").withApiUrl(url), sleeper.policy());
    }

    /** A server answering every request with one fixed response, for shapes the simulator does not produce. */
    private static HttpServer stub(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        return server;
    }
}
