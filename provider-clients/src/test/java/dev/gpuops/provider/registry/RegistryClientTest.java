package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.gpuops.provider.aws.LogCapture;
import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.provider.support.RetryPolicy;
import dev.gpuops.sandbox.registry.SampleManifests;
import dev.gpuops.sandbox.registry.SandboxRegistry;
import dev.gpuops.sandbox.support.RecordedExchange;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link RegistryClient} against {@link SandboxRegistry}: token flow, manifests, promotion, errors. */
class RegistryClientTest {

    static final String TOKEN = "ghp_SandboxCanary0123456789abcdefABCD";
    static final String IMAGE = SandboxRegistry.IMAGE_SERVER;

    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    SandboxRegistry registry;
    Repository imageServer;
    Repository llama;

    @BeforeEach
    void start() {
        registry = SandboxRegistry.start().seedDefaults().user("intelligensi-ai", TOKEN, true)
                .user("reader", TOKEN + "-r", false);
        imageServer = new Repository(registry.host(), IMAGE);
        llama = new Repository(registry.host(), SandboxRegistry.LLAMA);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    RegistryClient client(String user, String token) {
        RegistryCredentials credentials = user == null ? RegistryCredentials.NONE
                : host -> host.equals(registry.host())
                        ? Optional.of(new RegistryCredentials.Credential(user, token)) : Optional.empty();
        return new RegistryClient(RegistryConfig.defaults(credentials).withRetry(new RetryPolicy(3,
                Duration.ofMillis(200), Duration.ofSeconds(10), sleeps::add, RandomGenerator.of("L64X128MixRandom"))));
    }

    @Test
    void anonymousPullOfAPublicRepositoryUsesAnAnonymousToken() {
        RegistryClient anonymous = client(null, null);

        ManifestRef head = anonymous.headManifest(llama, "server-cuda").orElseThrow();
        Manifest manifest = anonymous.getManifest(llama, "server-cuda");

        assertThat(head.digest()).isEqualTo(registry.digest(SandboxRegistry.LLAMA, "server-cuda").orElseThrow());
        assertThat(head.mediaType()).isEqualTo(MediaTypes.OCI_INDEX);
        assertThat(manifest.digest()).isEqualTo(head.digest());
        assertThat(manifest.body()).isEqualTo(registry.storedManifest(SandboxRegistry.LLAMA, "server-cuda")
                .orElseThrow());
        List<RecordedExchange> tokenCalls = tokenRequests();
        assertThat(tokenCalls).hasSize(1);
        assertThat(tokenCalls.getFirst().authScheme()).isNull();
        assertThat(tokenCalls.getFirst().query()).contains("scope=repository%3Aggml-org%2Fllama.cpp%3Apull")
                .contains("service=sandbox-registry");
    }

    @Test
    void manifestRequestsAcceptEveryManifestType() {
        client(null, null).getManifest(llama, "server-cuda");

        RecordedExchange get = registry.requests().stream()
                .filter(r -> r.method().equals("GET") && r.status() == 200 && r.path().contains("/manifests/"))
                .findFirst().orElseThrow();
        assertThat(get.accept()).contains(MediaTypes.OCI_INDEX, MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_LIST,
                MediaTypes.DOCKER_MANIFEST);
        assertThat(get.authScheme()).isEqualTo("Bearer");
    }

    @Test
    void privateRepositoryWithoutCredentialsFailsNamingTheVariables() {
        assertThatThrownBy(() -> client(null, null).headManifest(imageServer, "v-123"))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("UNAUTHORIZED")
                .hasMessageContaining("_USERNAME and ")
                .hasMessageContaining("_TOKEN");
    }

    @Test
    void privateRepositoryWithCredentialsSendsBasicOnlyToTheTokenEndpoint() {
        RegistryClient client = client("intelligensi-ai", TOKEN);

        ManifestRef head = client.headManifest(imageServer, "v-123").orElseThrow();

        assertThat(head.digest()).isEqualTo(registry.digest(IMAGE, "v-123").orElseThrow());
        assertThat(head.mediaType()).isEqualTo(SampleManifests.DOCKER_V2);
        assertThat(head.size()).isEqualTo(registry.storedManifest(IMAGE, "v-123").orElseThrow().length);
        assertThat(registry.requests()).allSatisfy(r -> {
            if (r.path().equals("/token")) {
                assertThat(r.authScheme()).isEqualTo("Basic");
            } else {
                assertThat(r.authScheme()).isIn(null, "Bearer");
            }
        });
    }

    @Test
    void tokenIsCachedPerScope() {
        RegistryClient client = client("intelligensi-ai", TOKEN);

        client.headManifest(imageServer, "v-123");
        client.headManifest(imageServer, "canary");
        client.getManifest(imageServer, "canary");

        assertThat(tokenRequests()).hasSize(1);
    }

    @Test
    void wrongTokenIsRejectedAndNeverAppearsInTheFailureOrLogs() {
        String wrong = TOKEN + "-wrong";
        try (LogCapture logs = LogCapture.start()) {
            Throwable failure = catchThrowable(() -> client("intelligensi-ai", wrong).headManifest(imageServer, "v-123"));

            assertThat(failure).isInstanceOf(ProviderException.Auth.class).hasMessageContaining("were rejected");
            assertThat(stackText(failure)).doesNotContain(wrong).doesNotContain(TOKEN);
            assertThat(logs.text()).doesNotContain(TOKEN);
        }
    }

    @Test
    void missingTagIsEmptyOnHeadAndManifestUnknownOnGet() {
        RegistryClient client = client("intelligensi-ai", TOKEN);

        assertThat(client.headManifest(imageServer, "v-999")).isEmpty();
        assertThatThrownBy(() -> client.getManifest(imageServer, "v-999"))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("MANIFEST_UNKNOWN");
        assertThatThrownBy(() -> client.getManifest(new Repository(registry.host(), "intelligensi-ai/nope"),
                "canary"))
                .isInstanceOf(ProviderException.NotFound.class)
                .hasMessageContaining("NAME_UNKNOWN");
    }

    @Test
    void promoteCopiesTheExactBytesIncludingOddWhitespace() {
        byte[] odd = ("{ \"schemaVersion\" :2,\n\t\"mediaType\":   \"" + SampleManifests.DOCKER_V2 + "\" ,"
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":7023,"
                + "\"digest\":\"sha256:" + "2".repeat(64) + "\"},   \"layers\" : [ ]\r\n}  \n")
                .getBytes(StandardCharsets.UTF_8);
        String canaryDigest = registry.manifest(IMAGE, "canary", SampleManifests.DOCKER_V2, odd);
        String oldStable = registry.digest(IMAGE, "stable").orElseThrow();

        Promotion promotion = client("intelligensi-ai", TOKEN).promote(imageServer, "canary", "stable");

        assertThat(promotion.digest()).isEqualTo(canaryDigest).isEqualTo(Digests.sha256(odd));
        assertThat(promotion.previousDigest()).isEqualTo(oldStable);
        assertThat(promotion.unchanged()).isFalse();
        assertThat(promotion.mediaType()).isEqualTo(SampleManifests.DOCKER_V2);
        assertThat(registry.storedManifest(IMAGE, "stable")).hasValueSatisfying(b -> assertThat(b).isEqualTo(odd));
        assertThat(registry.digest(IMAGE, "stable")).contains(canaryDigest);
        assertThat(registry.mediaType(IMAGE, "stable")).contains(SampleManifests.DOCKER_V2);
        RecordedExchange put = registry.requests().stream()
                .filter(r -> r.method().equals("PUT") && r.status() == 201).findFirst().orElseThrow();
        assertThat(put.contentType()).isEqualTo(SampleManifests.DOCKER_V2);
        assertThat(put.digest()).isEqualTo(canaryDigest);
    }

    @Test
    void promotingWithoutPushPermissionIsDenied() {
        assertThatThrownBy(() -> client("reader", TOKEN + "-r").promote(imageServer, "canary", "stable"))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("DENIED")
                .satisfies(e -> assertThat(((ProviderException) e).status()).isEqualTo(403));
        assertThat(registry.digest(IMAGE, "stable")).isNotEqualTo(registry.digest(IMAGE, "canary"));
    }

    @Test
    void putManifestReturnsTheDigestOfTheSentBytes() {
        RegistryClient client = client("intelligensi-ai", TOKEN);
        Manifest canary = client.getManifest(imageServer, "canary");

        String digest = client.putManifest(imageServer, "v-124", canary);

        assertThat(digest).isEqualTo(canary.digest());
        assertThat(client.tags(imageServer)).contains("v-124", "v-123", "canary", "stable");
    }

    @Test
    void tagListFollowsLinkPages() {
        byte[] manifest = registry.storedManifest(IMAGE, "canary").orElseThrow();
        IntStream.range(0, 150).forEach(i -> registry.manifest(IMAGE, String.format("build-%03d", i),
                SampleManifests.DOCKER_V2, manifest));

        List<String> tags = client("intelligensi-ai", TOKEN).tags(imageServer);

        assertThat(tags).hasSize(153).contains("build-000", "build-149", "canary");
        assertThat(registry.requests().stream().filter(r -> r.path().endsWith("/tags/list") && r.status() == 200))
                .hasSize(2);
    }

    @Test
    void ghcrUnauthorizedFaultIsAuthEvenWithValidCredentials() {
        registry.fail("ghcr-unauthorized");

        assertThatThrownBy(() -> client("intelligensi-ai", TOKEN).headManifest(imageServer, "canary"))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("UNAUTHORIZED");
        assertThat(sleeps).isEmpty();
    }

    @Test
    void deniedFaultIsAuth() {
        registry.fail(IMAGE, "denied");

        assertThatThrownBy(() -> client("intelligensi-ai", TOKEN).getManifest(imageServer, "canary"))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("DENIED");
    }

    @Test
    void rateLimitHonoursRetryAfterThenSucceeds() {
        registry.fail(IMAGE, "rate-limit", 1);

        assertThat(client("intelligensi-ai", TOKEN).headManifest(imageServer, "canary")).isPresent();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void rateLimitWithoutRetryAfterBacksOffAndReportsNoHint() {
        registry.fail(IMAGE, "rate-limit-no-retry-after");

        Throwable failure = catchThrowable(() -> client("intelligensi-ai", TOKEN).headManifest(imageServer, "canary"));

        assertThat(failure).isInstanceOf(ProviderException.RateLimited.class).hasMessageContaining("TOOMANYREQUESTS");
        assertThat(((ProviderException.RateLimited) failure).retryAfter()).isEmpty();
        assertThat(sleeps).hasSize(2).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofMillis(400)));
    }

    @Test
    void rateLimitWithRetryAfterSurfacesTheHintWhenRetriesRunOut() {
        registry.fail(IMAGE, "rate-limit");

        Throwable failure = catchThrowable(() -> client("intelligensi-ai", TOKEN).getManifest(imageServer, "canary"));

        assertThat(((ProviderException.RateLimited) failure).retryAfter()).contains(Duration.ofSeconds(2));
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void fromEnvironmentReadsTheHostConvention() {
        String prefix = registry.host().replaceAll("[^A-Za-z0-9]", "_");
        RegistryClient client = RegistryClient.fromEnvironment(Map.of(prefix + "_USERNAME", "intelligensi-ai",
                prefix + "_TOKEN", TOKEN));

        assertThat(client.hasCredentials(registry.host())).isTrue();
        assertThat(client.hasCredentials("ghcr.io")).isFalse();
        assertThat(client.headManifest(imageServer, "canary")).isPresent();
    }

    private List<RecordedExchange> tokenRequests() {
        return registry.requests().stream().filter(r -> r.path().equals("/token")).toList();
    }

    private static String stackText(Throwable t) {
        java.io.StringWriter out = new java.io.StringWriter();
        t.printStackTrace(new java.io.PrintWriter(out));
        return out.toString();
    }
}
