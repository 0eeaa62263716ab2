package dev.gpuops.runbook.action.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.gpuops.runbook.action.Evidence;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.StepFailure;
import dev.gpuops.runbook.action.StepResult;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.target.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpHealthActionTest {

    private static final Duration FAST = Duration.ofMillis(20);

    private final HttpHealthAction action = new HttpHealthAction();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/health", exchange -> {
            boolean ready = requests.incrementAndGet() > 2;
            byte[] body = (ready ? "{\"status\":\"ok\"}" : "loading model").getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(ready ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void waitsForTheTargetsHealthUrlAndRecordsTheProbeHistory() throws Exception {
        Target target = target(new Target.Health(base() + "/health", null, null, null, "\"ok\""), null);
        TestStepContext context = new TestStepContext(target, new Services());

        StepResult result = action.execute(context, params(null, null, null));

        assertThat(result.outputs()).containsEntry("status", "200").containsEntry("attempts", "3");
        assertThat(result.summary()).startsWith("GET " + base() + "/health → 200 after 3 attempts");
        assertThat(context.progressMessages()).containsExactly(
                "attempt 1: NON_2XX HTTP 503 — loading model", "attempt 2: NON_2XX HTTP 503 — loading model");
        assertThat(context.evidence()).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(Evidence.Kind.HTTP_PROBE);
            assertThat(e.text()).contains("attempt 3: HEALTHY HTTP 200");
        });
    }

    @Test
    void buildsTheUrlFromHostContainerPortAndHealthPath() throws Exception {
        Target target = target(new Target.Health(null, "/health", null, null, null),
                new Target.Container("app", server.getAddress().getPort(), null, null, null));

        StepResult result = action.execute(new TestStepContext(target, new Services()),
                params(null, "127.0.0.1", null));

        assertThat(result.outputs()).containsEntry("url", base() + "/health");
    }

    @Test
    void failsWithTheLastOutcomeAndWhatToDoWhenNothingAnswers() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        TestStepContext context = new TestStepContext(target(null, null), new Services());

        assertThatThrownBy(() -> action.execute(context,
                params("http://127.0.0.1:" + closedPort + "/health", null, Duration.ofMillis(100))))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("not healthy after 100ms")
                .hasMessageContaining("REFUSED")
                .hasMessageContaining("Nothing answered");
        assertThat(context.evidence()).singleElement().extracting(Evidence::text).asString()
                .contains("attempt 1: REFUSED");
    }

    @Test
    void saysHowToGiveItAUrlWhenThereIsNone() {
        TestStepContext context = new TestStepContext(target(null, null), new Services());

        assertThatThrownBy(() -> action.execute(context, params(null, null, null)))
                .isInstanceOf(StepFailure.class)
                .hasMessageContaining("http.health has no URL for target box-1: set `url:` or `host:`");
    }

    @Test
    void refusesANonHttpUrlWhenBound() {
        assertThatThrownBy(() -> new HttpHealthAction.Params("ftp://x/health", null, null, null, null, null,
                null, null, null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be http(s)://");
    }

    @Test
    void logNotePostsItsMessageAsTheSummary() {
        StepResult result = new LogNoteAction().execute(new TestStepContext(target(null, null), new Services()),
                new LogNoteAction.Params("check the GPU driver"));

        assertThat(result.summary()).isEqualTo("check the GPU driver");
        assertThatThrownBy(() -> new LogNoteAction.Params(" ")).hasMessageContaining("non-empty `message`");
    }

    private static HttpHealthAction.Params params(String url, String host, Duration timeout) {
        return new HttpHealthAction.Params(url, host, null, null, Duration.ZERO,
                timeout == null ? Duration.ofSeconds(10) : timeout, FAST, null, Duration.ofSeconds(2));
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private static Target target(Target.Health health, Target.Container container) {
        return new Target("box-1", "ssh", null, null, null, new Target.Ssh("127.0.0.1", null, "root", null, null),
                null, health, null, container, null, null, null, null, null, Map.of());
    }
}
