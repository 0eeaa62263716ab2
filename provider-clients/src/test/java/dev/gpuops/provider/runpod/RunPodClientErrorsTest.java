package dev.gpuops.provider.runpod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.runpod.SandboxRunPod;
import dev.gpuops.sandbox.runpod.SimClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every documented failure, how it is typed, which calls retry it, and that the key never leaks. */
class RunPodClientErrorsTest {

    /** A key shape no redaction pattern knows: only the client's own discipline keeps it out of text. */
    private static final String CANARY = "canary9Qx7LmT4vZ2pW8sK";

    private SandboxRunPod sim;
    private final List<Duration> sleeps = new ArrayList<>();
    private RunPodClient client;
    private String endpointId;
    private String templateId;
    private ListAppender<ILoggingEvent> logs;

    @BeforeEach
    void start() {
        sim = new SandboxRunPod(CANARY, SimClock.frozen());
        templateId = sim.createTemplate("sophia", "a/b:v1", Map.of());
        endpointId = sim.createEndpoint("sophia", templateId, 0, 1);
        client = RunPodClientTest.clientFor(sim, CANARY, sleeps);
        logs = new ListAppender<>();
        logs.start();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.addAppender(logs);
        root.setLevel(Level.DEBUG);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        sim.close();
    }

    @Test
    void badKeyIsAuthOnAllThreeApisAndNotRetried() {
        RunPodClient wrong = RunPodClientTest.clientFor(sim, "wrong-" + CANARY, sleeps);

        assertThatThrownBy(() -> wrong.health(endpointId)).isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("RUNPOD_API_KEY");
        assertThatThrownBy(wrong::myEndpoints).isInstanceOf(ProviderException.Auth.class);
        assertThatThrownBy(() -> wrong.getEndpoint(endpointId)).isInstanceOf(ProviderException.Auth.class);
        assertThat(sim.requests()).hasSize(3);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void deadEndpointIsNotFoundWithSeed003Hint() {
        sim.fail(endpointId, "dead-endpoint");

        ProviderException.NotFound e = catchThrowableOfType(ProviderException.NotFound.class,
                () -> client.health(endpointId));

        assertThat(e.status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("endpoint " + endpointId + " not found")
                .contains("dead id after a dashboard edit").contains("myself { endpoints");
        assertThat(client.myEndpoints()).extracting(Endpoint::id).containsExactly(sim.replacementOf(endpointId));
    }

    @Test
    void purgeOverTheLimitIsRateLimitedWithRetryAfterAndNotRetried() {
        client.purgeQueue(endpointId);
        client.purgeQueue(endpointId);

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> client.purgeQueue(endpointId));

        assertThat(e.retryAfter()).contains(Duration.ofSeconds(10));
        assertThat(e.status()).isEqualTo(429);
        assertThat(sim.requests()).hasSize(3);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void rateLimitWithoutRetryAfterHasNoHint() {
        sim.retryAfterOnRateLimit(false);
        client.purgeQueue(endpointId);
        client.purgeQueue(endpointId);

        ProviderException.RateLimited e = catchThrowableOfType(ProviderException.RateLimited.class,
                () -> client.purgeQueue(endpointId));

        assertThat(e.retryAfter()).isEmpty();
    }

    @Test
    void idempotentReadRetriesRateLimitHonouringRetryAfterThenSucceeds() {
        sim.failNext(2, 429, 3);

        EndpointHealth health = client.health(endpointId);

        assertThat(health.jobs().inQueue()).isZero();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(3));
        assertThat(sim.requests()).hasSize(3);
    }

    @Test
    void serverErrorOnRunIsTransientAndSentOnce() {
        sim.failNext(1, 500, null);

        assertThatThrownBy(() -> client.run(endpointId, Map.of("prompt", "x")))
                .isInstanceOf(ProviderException.Transient.class).hasMessageContaining("HTTP 500");
        assertThat(sim.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void serverErrorOnHealthIsRetriedUntilItPasses() {
        sim.failNext(2, 503, null);

        client.health(endpointId);

        assertThat(sim.requests()).extracting(x -> x.status()).containsExactly(503, 503, 200);
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void slowServerTimesOutAsTransientAndReadsRetryIt() {
        sim.responseDelay(Duration.ofMillis(1500));
        RunPodConfig config = RunPodConfig.of(CANARY).withUrls(sim.apiUrl(), sim.graphqlUrl(), sim.restUrl())
                .withTimeouts(Duration.ofSeconds(1), Duration.ofMillis(150), Duration.ofMillis(150));
        RunPodClient impatient = new RunPodClient(config, new RetryPolicy(2, Duration.ofMillis(10),
                Duration.ofMillis(10), sleeps::add, java.util.random.RandomGenerator.of("L64X128MixRandom")));

        assertThatThrownBy(() -> impatient.health(endpointId)).isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("timed out");
        assertThat(sleeps).hasSize(1);
        assertThatThrownBy(() -> impatient.purgeQueue(endpointId)).isInstanceOf(ProviderException.Transient.class);
        assertThat(sleeps).hasSize(1);
    }

    @Test
    void graphqlErrorsBecomeTypedExceptions() {
        Endpoint current = client.myEndpoints().getFirst();
        EndpointUpdate ghost = new EndpointUpdate("gvghks6lzf4rfc", current.name(), current.templateId(),
                current.gpuIds(), 0, 0, null, null, null, null, null, null);
        String otherTemplate = sim.createTemplate("taken", "a/b:v2", Map.of());

        assertThatThrownBy(() -> client.saveEndpoint(ghost)).isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("Endpoint gvghks6lzf4rfc not found");
        assertThatThrownBy(() -> client.saveTemplate(new TemplateUpdate(otherTemplate, "sophia", "a/b:v2", 20, 0,
                null, null))).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("Template name must be unique");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void restValidationErrorIsPermanent() {
        assertThatThrownBy(() -> client.patchEndpoint(endpointId, new EndpointPatch(null, null, null, "FASTEST", null,
                null, null))).isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("scalerType");
    }

    @Test
    void canaryKeyNeverAppearsInMessagesLogsOrToString() {
        sim.fail(endpointId, "dead-endpoint");
        List<Throwable> failures = new ArrayList<>();
        RunPodClient wrong = RunPodClientTest.clientFor(sim, CANARY + "x", sleeps);
        collect(failures, () -> wrong.health(endpointId));
        collect(failures, wrong::myEndpoints);
        collect(failures, () -> client.health(endpointId));
        collect(failures, () -> client.run(endpointId, Map.of("token", CANARY)));
        collect(failures, () -> client.patchTemplate("nope", "x:y", Map.of("K", "v")));
        sim.failNext(5, 500, null);
        collect(failures, client::myEndpoints);

        assertThat(failures).hasSize(6);
        for (Throwable t : failures) {
            StringWriter trace = new StringWriter();
            t.printStackTrace(new PrintWriter(trace));
            assertThat(trace.toString()).doesNotContain(CANARY);
        }
        assertThat(logs.list).isNotEmpty();
        assertThat(logs.list).allSatisfy(event -> assertThat(event.getFormattedMessage()).doesNotContain(CANARY));
        RunPodConfig config = RunPodConfig.of(CANARY);
        assertThat(config.toString()).doesNotContain(CANARY).contains("[REDACTED]");
        assertThat(client.toString()).doesNotContain(CANARY);
    }

    private static void collect(List<Throwable> failures, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }
}
