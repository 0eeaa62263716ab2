package dev.gpuops.provider.runpod;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.support.ProviderException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The error body shapes of the three RunPod APIs, which differ and are not all documented. */
class RunPodErrorMapperTest {

    private final RunPodErrorMapper mapper = new RunPodErrorMapper();

    private static HttpHeaders headers(Map<String, List<String>> values) {
        return HttpHeaders.of(values, (k, v) -> true);
    }

    @Test
    void readsQueueRestAndGraphqlBodies() {
        assertThat(mapper.map(400, "{\"error\":\"input is required\"}", headers(Map.of())).getMessage())
                .contains("input is required");
        assertThat(mapper.map(400, "{\"message\":\"Invalid input: env\"}", headers(Map.of())).getMessage())
                .contains("Invalid input: env");
        assertThat(mapper.map(400, "{\"errors\":[{\"message\":\"Syntax Error: x\"},{\"message\":\"y\"}]}",
                headers(Map.of())).getMessage()).contains("Syntax Error: x; y");
        assertThat(mapper.map(502, "<html>Bad Gateway</html>", headers(Map.of())))
                .isInstanceOf(ProviderException.Transient.class).hasMessageContaining("Bad Gateway");
    }

    @Test
    void mapsStatusesToTheSealedTypesWithRequestId() {
        HttpHeaders withId = headers(Map.of("x-request-id", List.of("req-42"), "Retry-After", List.of("12")));

        assertThat(mapper.map(401, "", withId)).isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("(request id req-42)");
        assertThat(mapper.map(403, "", withId)).isInstanceOf(ProviderException.Auth.class);
        assertThat(mapper.map(404, "", withId)).isInstanceOf(ProviderException.NotFound.class);
        assertThat(mapper.map(400, "", withId)).isInstanceOf(ProviderException.Permanent.class);
        assertThat(mapper.map(500, "", withId)).isInstanceOf(ProviderException.Transient.class);
        ProviderException limited = mapper.map(429, "", withId);
        assertThat(((ProviderException.RateLimited) limited).retryAfter()).contains(Duration.ofSeconds(12));
        assertThat(limited.requestId()).contains("req-42");
    }

    @Test
    void graphqlErrorsInA200AreClassifiedByMessage() {
        var errors = dev.gpuops.provider.support.JsonHttp.JSON.readTree(
                "[{\"message\":\"Endpoint abc not found\"}]");
        assertThat(RunPodGraphql.fromErrors(errors)).isInstanceOf(ProviderException.NotFound.class);
        var auth = dev.gpuops.provider.support.JsonHttp.JSON.readTree("[{\"message\":\"Unauthorized\"}]");
        assertThat(RunPodGraphql.fromErrors(auth)).isInstanceOf(ProviderException.Auth.class);
    }

    @Test
    void redactsTokensEchoedInErrorBodies() {
        ProviderException e = mapper.map(400, "{\"error\":\"bad header Authorization: Bearer sk-live-abcdef123456\"}",
                headers(Map.of()));

        assertThat(e.getMessage()).doesNotContain("sk-live-abcdef123456").contains("[REDACTED]");
    }
}
