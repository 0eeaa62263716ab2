package dev.gpuops.sandbox.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.sandbox.support.SettableClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxHealthTest {

    @TempDir
    Path dir;

    @Test
    void healthFollowsTheContainerThroughBootAndCrash() throws Exception {
        SettableClock clock = new SettableClock(Instant.parse("2026-11-23T19:00:00Z"));
        try (SandboxSshHost host = SandboxSshHost.builder().authorizedKey(SandboxKeys.generate(dir)).clock(clock)
                .firstBootDelay(Duration.ofMinutes(3)).start()) {
            host.execute("docker run -d --name app --restart unless-stopped --gpus all -p 8000:8000 acme/app:1", "root",
                    () -> new byte[0]);

            assertThat(get(host).statusCode()).isEqualTo(503);
            clock.advance(Duration.ofMinutes(3));
            assertThat(get(host).statusCode()).isEqualTo(200);
            assertThat(get(host).body()).isEqualTo("{\"status\":\"ok\"}");

            host.fail("app-crash");
            assertThatThrownBy(() -> get(host)).isInstanceOf(IOException.class);
            host.heal();
            assertThat(host.containerState("app")).contains("running");
        }
    }

    @Test
    void withoutAContainerHealthFollowsTheSupervisedApp() throws Exception {
        try (SandboxSshHost host = SandboxSshHost.builder().authorizedKey(SandboxKeys.generate(dir)).start()) {
            assertThat(get(host).statusCode()).isEqualTo(200);
            host.execute("supervisorctl stop fastapi", "root", () -> new byte[0]);
            assertThatThrownBy(() -> get(host)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void faultNamesAreValidated() {
        assertThat(Fault.byName("ghcr-unauthorized")).isEqualTo(Fault.GHCR_UNAUTHORIZED);
        assertThatThrownBy(() -> Fault.byName("meteor")).hasMessageContaining("supervisor-down");
    }

    @Test
    void writesKnownHostsAndClientKeysUsableByOpenSsh() throws Exception {
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        try (SandboxSshHost host = SandboxSshHost.builder().authorizedKey(keys).start()) {
            Path knownHosts = host.writeKnownHosts(dir.resolve("kh"));

            assertThat(java.nio.file.Files.readString(knownHosts))
                    .startsWith("[127.0.0.1]:" + host.port() + " ecdsa-sha2-nistp256 AAAA");
            assertThat(java.nio.file.Files.readString(keys.privateKey(), StandardCharsets.US_ASCII))
                    .startsWith("-----BEGIN OPENSSH PRIVATE KEY-----");
            assertThat(java.nio.file.Files.getPosixFilePermissions(keys.privateKey()).toString())
                    .isEqualTo("[OWNER_READ, OWNER_WRITE]");
            assertThat(SandboxKeys.readPublicKey(keys.publicKeyFile())).isEqualTo(keys.publicKey());
        }
    }

    private static HttpResponse<String> get(SandboxSshHost host) throws Exception {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(HttpRequest.newBuilder(URI.create(host.healthUrl())).timeout(Duration.ofSeconds(5))
                    .build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
