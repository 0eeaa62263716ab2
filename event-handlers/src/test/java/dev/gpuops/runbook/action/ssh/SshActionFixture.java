package dev.gpuops.runbook.action.ssh;

import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.runbook.action.SecretSource;
import dev.gpuops.runbook.action.Services;
import dev.gpuops.runbook.action.TestStepContext;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import dev.gpuops.target.Target;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** A sandbox GPU VM, a target pointing at it, and the services the ssh/docker actions use. */
public final class SshActionFixture implements AutoCloseable {

    public static final String IMAGE = "ghcr.io/intelligensi-ai/intelligensi-image-server:latest";
    public static final String CONTAINER = "intelligensi-image-server";
    public static final String GHCR_USER = "intelligensi-ai";
    public static final String GHCR_TOKEN = "ghp_CanaryActionRegistryToken0123456789";
    public static final String HF_TOKEN = "hf_CanaryActionHuggingFaceToken012345";

    public final SandboxSshHost host;
    public final SshConnector connector = new SshConnector(Duration.ofSeconds(3));
    public final Map<String, String> secrets = new ConcurrentHashMap<>(Map.of(
            "GHCR_USERNAME", GHCR_USER, "GHCR_TOKEN", GHCR_TOKEN, "HF_TOKEN", HF_TOKEN));
    private final Path privateKey;
    private final Path knownHosts;

    public SshActionFixture(Path dir, UnaryOperator<SandboxSshHost.Builder> customize) {
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        host = customize.apply(SandboxSshHost.builder()
                .user("ubuntu")
                .authorizedKey(keys)
                .privateRegistry("ghcr.io", GHCR_USER, GHCR_TOKEN)
                .gatedModel(true)
                .restartCommand("/workspace/start_remote.sh --restart")).start();
        privateKey = keys.privateKey();
        knownHosts = host.writeKnownHosts(dir.resolve("known_hosts"));
    }

    public SshActionFixture(Path dir) {
        this(dir, b -> b);
    }

    public Target target() {
        return target(host.host(), host.port());
    }

    /** A cloud target: its address is only known at run time. */
    public Target targetWithoutAddress() {
        return target(null, null);
    }

    public Target target(String sshHost, Integer sshPort) {
        return new Target("image-box", "lambda", "#gpu-ops", Target.Environment.STAGING, IMAGE,
                new Target.Ssh(sshHost, sshPort, "ubuntu", privateKey.toString(), knownHosts.toString()),
                new Target.Supervisor(host.supervisorSocketUrl(), List.of("fastapi"), Map.of()),
                null, null,
                new Target.Container(CONTAINER, 8000, "all",
                        Map.of("MODEL_ID", "black-forest-labs/FLUX.1-schnell", "HF_HUB_ENABLE_HF_TRANSFER", "1"),
                        List.of("HF_TOKEN")),
                null, null, null, null, null, Map.of());
    }

    public Services services() {
        SecretSource source = name -> Optional.ofNullable(secrets.get(name));
        return new Services().register(SshConnector.class, connector).register(SecretSource.class, source);
    }

    public TestStepContext ctx() {
        return ctx(target());
    }

    public TestStepContext ctx(Target target) {
        return new TestStepContext(target, services(), Duration.ofSeconds(20));
    }

    @Override
    public void close() {
        connector.close();
        host.close();
    }
}
