package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.support.ProviderException;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox host checks keys like sshd does, and the client refuses it unless its host key is known. */
class SandboxSshAuthTest {

    @TempDir
    Path dir;

    @Test
    void anotherClientKeyIsRefusedAsAuth() {
        try (SandboxHostFixture fixture = new SandboxHostFixture(dir.resolve("a"))) {
            SandboxKeys.ClientKeyPair stranger = SandboxKeys.generate(dir.resolve("b"));
            SshEndpoint endpoint = new SshEndpoint(fixture.endpoint.host(), fixture.endpoint.port(), "ubuntu",
                    stranger.privateKey(), fixture.endpoint.knownHosts());

            assertThatThrownBy(() -> fixture.connector.session(endpoint)).isInstanceOf(ProviderException.Auth.class);
        }
    }

    @Test
    void aHostMissingFromKnownHostsIsRefused() throws Exception {
        try (SandboxHostFixture fixture = new SandboxHostFixture(dir.resolve("a"))) {
            Path empty = Files.writeString(dir.resolve("empty_known_hosts"), "");
            SshEndpoint endpoint = new SshEndpoint(fixture.endpoint.host(), fixture.endpoint.port(), "ubuntu",
                    fixture.endpoint.privateKey(), empty);

            assertThatThrownBy(() -> fixture.connector.session(endpoint))
                    .isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("is not listed in " + empty);
        }
    }

    @Test
    void aMissingKnownHostsFileIsAConfigurationError() {
        try (SandboxHostFixture fixture = new SandboxHostFixture(dir.resolve("a"))) {
            SshEndpoint endpoint = new SshEndpoint(fixture.endpoint.host(), fixture.endpoint.port(), "ubuntu",
                    fixture.endpoint.privateKey(), dir.resolve("nope"));

            assertThatThrownBy(() -> fixture.connector.session(endpoint))
                    .isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("known_hosts file").hasMessageContaining("never accepts unknown host keys");
            assertThat(fixture.connector.connectionsOpened()).isEqualTo(1);
        }
    }
}
