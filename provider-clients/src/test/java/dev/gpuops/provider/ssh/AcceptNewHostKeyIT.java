package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.provider.ssh.testing.RealSshHostExtension;
import dev.gpuops.provider.support.ProviderException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** accept-new for freshly launched VMs, against a real sshd: first key pinned, changed key still refused. */
class AcceptNewHostKeyIT {

    @RegisterExtension
    static final RealSshHostExtension SSH = new RealSshHostExtension();

    @TempDir
    Path dir;

    @Test
    void unknownHostIsRefusedUnlessAcceptNewWasAskedForThenItsKeyIsPinned() throws Exception {
        RealSshHost host = SSH.host();
        Path knownHosts = dir.resolve("known_hosts");
        Files.copy(host.unrelatedKnownHosts(), knownHosts);
        SshEndpoint endpoint = host.endpointWithKnownHosts(knownHosts);
        try (SshConnector connector = new SshConnector(Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> connector.session(endpoint)).isInstanceOf(ProviderException.Permanent.class);

            connector.acceptNewHostKey(endpoint);
            assertThat(connector.session(endpoint).exec("echo pinned").stdout()).contains("pinned");
            assertThat(connector.acceptedHostKey(endpoint)).get().asString().startsWith("SHA256:");
        }
        assertThat(Files.readString(knownHosts)).contains("[127.0.0.1]:" + host.port());
        try (SshConnector fresh = new SshConnector(Duration.ofSeconds(10))) {
            assertThat(fresh.session(endpoint).exec("echo again").exitCode()).isZero();
            assertThat(fresh.acceptedHostKey(endpoint)).isEmpty();
        }
    }

    @Test
    void changedHostKeyIsRefusedEvenInAcceptNewMode() throws Exception {
        RealSshHost host = SSH.host();
        Path knownHosts = dir.resolve("known_hosts");
        Files.copy(host.wrongKnownHosts(), knownHosts);
        String before = Files.readString(knownHosts);
        SshEndpoint endpoint = host.endpointWithKnownHosts(knownHosts);
        try (SshConnector connector = new SshConnector(Duration.ofSeconds(10))) {
            connector.acceptNewHostKey(endpoint);
            assertThatThrownBy(() -> connector.session(endpoint))
                    .isInstanceOf(ProviderException.Permanent.class)
                    .hasMessageContaining("known_hosts");
            assertThat(connector.acceptedHostKey(endpoint)).isEmpty();
        }
        assertThat(Files.readString(knownHosts)).isEqualTo(before);
    }
}
