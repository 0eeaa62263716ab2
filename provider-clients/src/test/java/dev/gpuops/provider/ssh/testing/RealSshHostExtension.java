package dev.gpuops.provider.ssh.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One {@link RealSshHost} per test class: {@code @RegisterExtension static RealSshHostExtension ssh = new
 * RealSshHostExtension();} then {@code ssh.host()}.
 */
public final class RealSshHostExtension implements BeforeAllCallback, AfterAllCallback {

    private RealSshHost host;

    public RealSshHost host() {
        if (host == null) {
            throw new IllegalStateException("RealSshHost is started in @BeforeAll; register the extension as static");
        }
        return host;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        host = RealSshHost.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (host != null) {
            host.close();
            host = null;
        }
    }
}
