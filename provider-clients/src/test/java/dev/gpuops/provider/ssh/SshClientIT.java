package dev.gpuops.provider.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gpuops.provider.ssh.testing.RealSshHostExtension;
import dev.gpuops.provider.support.ProviderException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class SshClientIT {

    @RegisterExtension
    static final RealSshHostExtension SSH = new RealSshHostExtension();

    private SshConnector connector;

    @BeforeEach
    void connector() {
        connector = new SshConnector(Duration.ofSeconds(5));
    }

    @AfterEach
    void close() {
        connector.close();
    }

    @Test
    void runsCommandsAndReportsExitCodesAndBothStreams() {
        SshSession session = connector.session(SSH.host().endpoint());

        ExecResult ok = session.exec("echo hello; echo oops >&2");
        ExecResult failed = session.exec("exit 3");

        assertThat(ok.exitCode()).isZero();
        assertThat(ok.stdout()).isEqualTo("hello\n");
        assertThat(ok.stderr()).isEqualTo("oops\n");
        assertThat(ok.command()).isEqualTo("echo hello; echo oops >&2");
        assertThat(failed.exitCode()).isEqualTo(3);
        assertThat(failed.ok()).isFalse();
    }

    @Test
    void capsOutputButDrainsTheRestSoTheCommandFinishes() {
        SshSession session = connector.session(SSH.host().endpoint());

        ExecResult result = session.exec("head -c 300000 /dev/zero | tr '\\0' x; echo done >&2",
                ExecOptions.defaults().withMaxOutputBytes(1000));

        assertThat(result.stdout()).hasSize(1000).matches("x+");
        assertThat(result.stdoutTruncated()).isTrue();
        assertThat(result.stderr()).isEqualTo("done\n");
        assertThat(result.stderrTruncated()).isFalse();
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void feedsStdinWithoutPuttingItOnTheCommandLine() throws Exception {
        SshSession session = connector.session(SSH.host().endpoint());
        byte[] secret = "canary-stdin-Zk39q\n".getBytes(StandardCharsets.UTF_8);

        ExecResult result = session.exec("sha256sum", ExecOptions.defaults().withStdin(secret));

        assertThat(result.stdout()).startsWith(sha256(secret));
        assertThat(result.command()).isEqualTo("sha256sum");
        assertThat(ExecOptions.defaults().withStdin(secret).toString()).doesNotContain("canary");
    }

    @Test
    void timesOutAndSaysTheProcessMayStillRun() {
        SshSession session = connector.session(SSH.host().endpoint());

        assertThatThrownBy(() -> session.exec("sleep 30", ExecOptions.timeout(Duration.ofMillis(500))))
                .isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("did not finish within")
                .hasMessageContaining("may still be running");
        assertThat(session.exec("echo still-usable").stdout()).isEqualTo("still-usable\n");
    }

    @Test
    void reusesOneConnectionAndReplacesItWhenItDies() throws Exception {
        SshSession session = connector.session(SSH.host().endpoint());
        session.exec("true");
        session.exec("true");
        assertThat(connector.connectionsOpened()).isEqualTo(1);

        SSH.host().dropConnections();

        assertThat(session.exec("echo back").stdout()).isEqualTo("back\n");
        assertThat(connector.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void refusesAHostWhoseKeyChanged() {
        SshEndpoint endpoint = SSH.host().endpointWithKnownHosts(SSH.host().wrongKnownHosts());

        assertThatThrownBy(() -> connector.session(endpoint))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("does not match")
                .hasMessageContaining("recreated")
                .hasMessageContaining("man in the middle")
                .hasMessageContaining("ssh-keygen -R '[127.0.0.1]:" + SSH.host().port() + "'")
                .hasMessageContaining("SHA256:");
    }

    @Test
    void refusesAHostThatIsNotInKnownHosts() {
        SshEndpoint endpoint = SSH.host().endpointWithKnownHosts(SSH.host().unrelatedKnownHosts());

        assertThatThrownBy(() -> connector.session(endpoint))
                .isInstanceOf(ProviderException.Permanent.class)
                .hasMessageContaining("is not listed in")
                .hasMessageContaining("ssh-keyscan");
    }

    @Test
    void reportsARefusedKeyAsAuthFailure() {
        SshEndpoint good = SSH.host().endpoint();
        SshEndpoint endpoint = new SshEndpoint(good.host(), good.port(), good.user(), SSH.host().unauthorizedKey(),
                good.knownHosts());

        assertThatThrownBy(() -> connector.session(endpoint))
                .isInstanceOf(ProviderException.Auth.class)
                .hasMessageContaining("authorized_keys");
    }

    @Test
    void reportsAClosedPortAsTransient() throws Exception {
        int closedPort;
        try (var socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SshEndpoint endpoint = SSH.host().endpoint().withAddress("127.0.0.1", closedPort);

        assertThatThrownBy(() -> connector.session(endpoint))
                .isInstanceOf(ProviderException.Transient.class)
                .hasMessageContaining("connection refused");
    }

    private static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
