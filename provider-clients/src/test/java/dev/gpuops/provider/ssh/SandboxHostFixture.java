package dev.gpuops.provider.ssh;

import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

/** A sandbox SSH host plus a connector and session pointed at it, for client tests. */
final class SandboxHostFixture implements AutoCloseable {

    static final String GHCR_USER = "intelligensi-ai";
    static final String GHCR_TOKEN = "ghp_CanaryRegistryToken0123456789abcd";

    final SandboxSshHost host;
    final SshConnector connector;
    final SshEndpoint endpoint;
    final SshSession session;

    SandboxHostFixture(Path dir, UnaryOperator<SandboxSshHost.Builder> customize) {
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        host = customize.apply(SandboxSshHost.builder()
                .user("ubuntu")
                .authorizedKey(keys)
                .privateRegistry("ghcr.io", GHCR_USER, GHCR_TOKEN)
                .restartCommand("/workspace/start_remote.sh --restart")).start();
        connector = new SshConnector();
        endpoint = new SshEndpoint(host.host(), host.port(), host.user(), keys.privateKey(),
                host.writeKnownHosts(dir.resolve("known_hosts")));
        session = connector.session(endpoint);
    }

    SandboxHostFixture(Path dir) {
        this(dir, b -> b);
    }

    @Override
    public void close() {
        connector.close();
        host.close();
    }
}
