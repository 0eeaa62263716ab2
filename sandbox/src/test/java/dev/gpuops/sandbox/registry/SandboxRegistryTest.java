package dev.gpuops.sandbox.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.sandbox.support.RecordedExchange;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The distribution API as documented (api-reference §7, distribution-spec, token auth spec), one raw request per
 * endpoint.
 */
class SandboxRegistryTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String IMAGE = SandboxRegistry.IMAGE_SERVER;
    static final String ACCEPT = "application/vnd.oci.image.index.v1+json, application/vnd.oci.image.manifest.v1+json,"
            + " application/vnd.docker.distribution.manifest.list.v2+json,"
            + " application/vnd.docker.distribution.manifest.v2+json";

    final HttpClient http = HttpClient.newHttpClient();
    SandboxRegistry registry;

    @BeforeEach
    void start() {
        registry = SandboxRegistry.start(5).seedDefaults().user("bot", "pat-123456", true);
    }

    @AfterEach
    void stop() {
        registry.close();
    }

    HttpResponse<byte[]> send(String method, String path, String authorization, String contentType, byte[] body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(registry.baseUrl() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", ACCEPT);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    String token(String scope, boolean withCredentials) throws Exception {
        String basic = withCredentials ? "Basic " + Base64.getEncoder()
                .encodeToString("bot:pat-123456".getBytes(StandardCharsets.UTF_8)) : null;
        HttpResponse<byte[]> response = send("GET", "/token?service=" + SandboxRegistry.SERVICE + "&scope="
                + scope.replace("/", "%2F").replace(":", "%3A").replace(",", "%2C"), basic, null, null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("expires_in").asInt()).isPositive();
        return body.path("token").asString();
    }

    static JsonNode firstError(HttpResponse<byte[]> response) {
        return JSON.readTree(response.body()).path("errors").get(0);
    }

    @Test
    void unauthenticatedRequestGetsABearerChallengeWithScope() throws Exception {
        HttpResponse<byte[]> response = send("GET", "/v2/" + IMAGE + "/manifests/canary", null, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\""
                + registry.baseUrl() + "/token\",service=\"sandbox-registry\",scope=\"repository:" + IMAGE + ":pull\"");
        assertThat(firstError(response).path("code").asString()).isEqualTo("UNAUTHORIZED");
        assertThat(response.headers().firstValue("Docker-Distribution-API-Version")).contains("registry/2.0");
    }

    @Test
    void baseEndpointChallengesThenAcceptsAToken() throws Exception {
        assertThat(send("GET", "/v2/", null, null, null).statusCode()).isEqualTo(401);
        String token = token("repository:" + SandboxRegistry.LLAMA + ":pull", false);
        assertThat(send("GET", "/v2/", "Bearer " + token, null, null).statusCode()).isEqualTo(200);
    }

    @Test
    void anonymousTokenPullsPublicButNotPrivate() throws Exception {
        String publicToken = token("repository:" + SandboxRegistry.LLAMA + ":pull", false);
        HttpResponse<byte[]> index = send("GET", "/v2/" + SandboxRegistry.LLAMA + "/manifests/server-cuda",
                "Bearer " + publicToken, null, null);
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).contains("application/vnd.oci.image.index.v1+json");

        String privateToken = token("repository:" + IMAGE + ":pull", false);
        assertThat(send("GET", "/v2/" + IMAGE + "/manifests/canary", "Bearer " + privateToken, null, null)
                .statusCode()).isEqualTo(401);
    }

    @Test
    void headAndGetReturnTheDigestOfTheExactStoredBytes() throws Exception {
        String token = token("repository:" + IMAGE + ":pull", true);

        HttpResponse<byte[]> head = send("HEAD", "/v2/" + IMAGE + "/manifests/v-123", "Bearer " + token, null, null);
        HttpResponse<byte[]> get = send("GET", "/v2/" + IMAGE + "/manifests/v-123", "Bearer " + token, null, null);

        String digest = RegistryStore.sha256(get.body());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length);
        assertThat(get.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(get.headers().firstValue("Content-Type"))
                .contains("application/vnd.docker.distribution.manifest.v2+json");
        assertThat(new String(get.body(), StandardCharsets.UTF_8)).startsWith("{\n   \"schemaVersion\": 2,");
    }

    @Test
    void missingTagAndRepositoryUseTheDocumentedCodes() throws Exception {
        String token = token("repository:" + IMAGE + ":pull", true);

        HttpResponse<byte[]> tag = send("GET", "/v2/" + IMAGE + "/manifests/v-999", "Bearer " + token, null, null);
        assertThat(tag.statusCode()).isEqualTo(404);
        assertThat(firstError(tag).path("code").asString()).isEqualTo("MANIFEST_UNKNOWN");

        String other = token("repository:intelligensi-ai/nope:pull", true);
        HttpResponse<byte[]> repo = send("GET", "/v2/intelligensi-ai/nope/manifests/x", "Bearer " + other, null, null);
        assertThat(firstError(repo).path("code").asString()).isEqualTo("NAME_UNKNOWN");
    }

    @Test
    void putStoresBytesAsSentAndAnswers201WithLocationAndDigest() throws Exception {
        String token = token("repository:" + IMAGE + ":pull,push", true);
        byte[] body = ("{\"schemaVersion\":2 ,  \"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
                + "\"config\":{},\"layers\":[]}\n").getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = send("PUT", "/v2/" + IMAGE + "/manifests/stable", "Bearer " + token,
                "application/vnd.oci.image.manifest.v1+json", body);

        String digest = RegistryStore.sha256(body);
        assertThat(put.statusCode()).isEqualTo(201);
        assertThat(put.headers().firstValue("Location")).contains("/v2/" + IMAGE + "/manifests/" + digest);
        assertThat(put.headers().firstValue("Docker-Content-Digest")).contains(digest);
        assertThat(registry.storedManifest(IMAGE, "stable")).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }

    @Test
    void putWithMismatchedMediaTypeIsManifestInvalid() throws Exception {
        String token = token("repository:" + IMAGE + ":pull,push", true);
        byte[] body = "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\"}"
                .getBytes(StandardCharsets.UTF_8);

        HttpResponse<byte[]> put = send("PUT", "/v2/" + IMAGE + "/manifests/stable", "Bearer " + token,
                "application/vnd.docker.distribution.manifest.v2+json", body);

        assertThat(put.statusCode()).isEqualTo(400);
        assertThat(firstError(put).path("code").asString()).isEqualTo("MANIFEST_INVALID");
    }

    @Test
    void pushWithAPullOnlyTokenIsChallengedForPush() throws Exception {
        String token = token("repository:" + IMAGE + ":pull", false);

        HttpResponse<byte[]> put = send("PUT", "/v2/" + IMAGE + "/manifests/stable", "Bearer " + token,
                "application/vnd.docker.distribution.manifest.v2+json", "{\"schemaVersion\":2}".getBytes());

        assertThat(put.statusCode()).isEqualTo(401);
        assertThat(put.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                h -> assertThat(h).contains("scope=\"repository:" + IMAGE + ":pull,push\""));
    }

    @Test
    void badCredentialsAtTheTokenEndpointAre401() throws Exception {
        String basic = "Basic " + Base64.getEncoder().encodeToString("bot:wrong".getBytes(StandardCharsets.UTF_8));
        HttpResponse<byte[]> response = send("GET", "/token?scope=repository%3Ax%3Apull", basic, null, null);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(firstError(response).path("code").asString()).isEqualTo("UNAUTHORIZED");
    }

    @Test
    void tagsListIsSortedAndPagedWithLink() throws Exception {
        String token = token("repository:" + IMAGE + ":pull", true);

        HttpResponse<byte[]> first = send("GET", "/v2/" + IMAGE + "/tags/list?n=2", "Bearer " + token, null, null);
        JsonNode body = JSON.readTree(first.body());
        assertThat(body.path("name").asString()).isEqualTo(IMAGE);
        assertThat(body.path("tags").toString()).isEqualTo("[\"canary\",\"stable\"]");
        assertThat(first.headers().firstValue("Link"))
                .contains("</v2/" + IMAGE + "/tags/list?n=2&last=stable>; rel=\"next\"");

        HttpResponse<byte[]> second = send("GET", "/v2/" + IMAGE + "/tags/list?n=2&last=stable", "Bearer " + token,
                null, null);
        assertThat(JSON.readTree(second.body()).path("tags").toString()).isEqualTo("[\"v-123\"]");
        assertThat(second.headers().firstValue("Link")).isEmpty();
    }

    @Test
    void faultsAnswerWithTheDocumentedStatusCodesAndHeaders() throws Exception {
        String token = token("repository:" + IMAGE + ":pull", true);
        String path = "/v2/" + IMAGE + "/manifests/canary";

        registry.fail(IMAGE, "rate-limit", 1);
        HttpResponse<byte[]> limited = send("GET", path, "Bearer " + token, null, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).contains("5");
        assertThat(firstError(limited).path("code").asString()).isEqualTo("TOOMANYREQUESTS");
        assertThat(send("GET", path, "Bearer " + token, null, null).statusCode()).isEqualTo(200);

        registry.fail("rate-limit-no-retry-after");
        HttpResponse<byte[]> bare = send("GET", path, "Bearer " + token, null, null);
        assertThat(bare.statusCode()).isEqualTo(429);
        assertThat(bare.headers().firstValue("Retry-After")).isEmpty();
        registry.heal();

        registry.fail("denied");
        HttpResponse<byte[]> denied = send("GET", path, "Bearer " + token, null, null);
        assertThat(denied.statusCode()).isEqualTo(403);
        assertThat(firstError(denied).path("code").asString()).isEqualTo("DENIED");
        registry.heal();

        registry.fail("ghcr-unauthorized");
        HttpResponse<byte[]> unauthorized = send("GET", path, "Bearer " + token, null, null);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    @Test
    void requestsAreRecordedWithoutCredentials() throws Exception {
        token("repository:" + IMAGE + ":pull", true);

        RecordedExchange recorded = registry.requests().getFirst();
        assertThat(recorded.path()).isEqualTo("/token");
        assertThat(recorded.authScheme()).isEqualTo("Basic");
        assertThat(recorded.toString()).doesNotContain("pat-123456")
                .doesNotContain(Base64.getEncoder().encodeToString("bot:pat-123456".getBytes(StandardCharsets.UTF_8)));
    }
}
