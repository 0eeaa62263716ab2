package dev.gpuops.provider.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.provider.support.ProviderException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegistryErrorsTest {

    final RegistryErrors anonymous = new RegistryErrors("GET ghcr.io/o/n:canary", "ghcr.io", false);
    final RegistryErrors withCredentials = new RegistryErrors("GET ghcr.io/o/n:canary", "ghcr.io", true);

    static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (a, b) -> true);
    }

    static String body(String code, String message) {
        return "{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\",\"detail\":null}]}";
    }

    @Test
    void unauthorizedWithoutCredentialsNamesTheVariablesToSet() {
        ProviderException e = anonymous.map(401, body("UNAUTHORIZED", "authentication required"),
                headers(Map.of("X-GitHub-Request-Id", List.of("ABCD:1234"))));

        assertThat(e).isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("UNAUTHORIZED")
                .hasMessageContaining("set GHCR_USERNAME and GHCR_TOKEN");
        assertThat(e.requestId()).contains("ABCD:1234");
        assertThat(e.provider()).isEqualTo("registry");
    }

    @Test
    void unauthorizedWithCredentialsSaysTheyWereRejected() {
        assertThat(withCredentials.map(401, body("UNAUTHORIZED", "bad"), headers(Map.of())))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("were rejected");
    }

    @Test
    void deniedIsAuthAboutPermissions() {
        assertThat(withCredentials.map(403, body("DENIED", "requested access to the resource is denied"),
                headers(Map.of())))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("DENIED")
                .hasMessageContaining("write:packages");
    }

    @Test
    void unknownManifestAndNameAreNotFound() {
        assertThat(anonymous.map(404, body("MANIFEST_UNKNOWN", "manifest unknown"), headers(Map.of())))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("MANIFEST_UNKNOWN");
        assertThat(anonymous.map(404, body("NAME_UNKNOWN", "repository name not known"), headers(Map.of())))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("NAME_UNKNOWN");
        assertThat(anonymous.map(404, "", headers(Map.of())))
                .isInstanceOf(ProviderException.NotFound.class).hasMessageContaining("NOT_FOUND");
    }

    @Test
    void tooManyRequestsCarriesRetryAfterWhenGiven() {
        var limited = (ProviderException.RateLimited) anonymous.map(429, body("TOOMANYREQUESTS", "slow down"),
                headers(Map.of("Retry-After", List.of("7"))));
        assertThat(limited.retryAfter()).contains(Duration.ofSeconds(7));

        var bare = (ProviderException.RateLimited) anonymous.map(429, body("TOOMANYREQUESTS", "slow down"),
                headers(Map.of()));
        assertThat(bare.retryAfter()).isEmpty();
    }

    @Test
    void serverErrorsAreTransientAndOtherClientErrorsPermanent() {
        assertThat(anonymous.map(503, "<html>", headers(Map.of()))).isInstanceOf(ProviderException.Transient.class);
        assertThat(anonymous.map(400, body("MANIFEST_INVALID", "manifest invalid"), headers(Map.of())))
                .isInstanceOf(ProviderException.Permanent.class).hasMessageContaining("MANIFEST_INVALID");
    }
}
