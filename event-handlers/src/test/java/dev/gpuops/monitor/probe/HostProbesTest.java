package dev.gpuops.monitor.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gpuops.event.CheckResult;
import dev.gpuops.provider.health.HealthProbe;
import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.support.Sleeper;
import dev.gpuops.sandbox.ssh.SandboxKeys;
import dev.gpuops.sandbox.ssh.SandboxSshHost;
import dev.gpuops.target.Target;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes that look at a host, against a sandbox SSH host: {@code queue-pollers} reads the host's
 * {@code temporal task-queue describe}, {@code http} probes {@code health.path} on the host's address.
 */
class HostProbesTest {

    private static final CheckDefinition POLLERS = new CheckDefinition("queue-pollers", "queue-pollers", null,
            Map.of("command", "temporal task-queue describe --task-queue {queue}"));
    private static final CheckDefinition HTTP = new CheckDefinition("health-url", "http", null, null);
    private static final List<String> QUEUES = List.of("video-processing@cpu", "video-processing@gpu");

    @TempDir
    Path dir;
    private SandboxSshHost host;
    private Path privateKey;
    private Path knownHosts;
    private final SshConnector ssh = new SshConnector(Duration.ofSeconds(3));
    private final ProbeHosts hosts = new ProbeHosts(null, null);

    @BeforeEach
    void start() {
        SandboxKeys.ClientKeyPair keys = SandboxKeys.generate(dir);
        host = SandboxSshHost.builder().user("root").authorizedKey(keys)
                .program("fastapi", true, "/var/log/fastapi.log")
                .program("worker-cpu", true, "/var/log/worker.log")
                .program("worker-gpu", true, "/var/log/worker-gpu.log").start();
        privateKey = keys.privateKey();
        knownHosts = host.writeKnownHosts(dir.resolve("known_hosts"));
    }

    @AfterEach
    void stop() {
        ssh.close();
        host.close();
    }

    private Target target(int sshPort, List<String> queues, Target.Health health, Integer appPort) {
        return new Target("huihuang", "ssh", "C0OPS", Target.Environment.STAGING, null,
                new Target.Ssh("127.0.0.1", sshPort, "root", privateKey.toString(), knownHosts.toString()),
                new Target.Supervisor(host.supervisorSocketUrl(), List.of("fastapi"), null), health, null,
                appPort == null ? null : new Target.Container("app", appPort, null, null, null), null, null, null,
                null, new Target.Runtime(null, null, queues, null, null), Map.of());
    }

    private List<CheckResult> pollers(Target target) {
        return new QueuePollersProbe(ssh, hosts, Duration.ofSeconds(10)).run(POLLERS, target);
    }

    @Test
    void queuesPolledByRunningWorkersPass() {
        List<CheckResult> results = pollers(target(host.port(), QUEUES, null, null));
        assertThat(results).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(CheckResult.Status.OK);
            assertThat(r.evidence()).contains("task queue video-processing@cpu: 1 poller (",
                    "task queue video-processing@gpu: 1 poller (", "@gpu-sandbox@");
        });
        assertThat(host.commandLog()).contains("temporal task-queue describe --task-queue video-processing@gpu");
    }

    @Test
    void pollersMissingFailsNamingEveryQueueWithNoPollers() {
        host.fail("pollers-missing");
        assertThat(host.programState("worker-gpu")).contains("RUNNING");
        CheckResult result = pollers(target(host.port(), QUEUES, null, null)).getFirst();
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAILING);
        assertThat(result.evidence()).isEqualTo("task queue video-processing@cpu: no pollers; "
                + "task queue video-processing@gpu: no pollers");
        host.heal();
        assertThat(pollers(target(host.port(), QUEUES, null, null)).getFirst().status())
                .isEqualTo(CheckResult.Status.OK);
    }

    @Test
    void aStoppedWorkerLeavesOnlyItsQueueWithoutPollers() throws Exception {
        ssh.session(dev.gpuops.provider.ssh.SshEndpoint.of("127.0.0.1", host.port(), "root", privateKey.toString(),
                knownHosts.toString())).exec("supervisorctl -s " + host.supervisorSocketUrl() + " stop worker-gpu");
        CheckResult result = pollers(target(host.port(), QUEUES, null, null)).getFirst();
        assertThat(result.status()).isEqualTo(CheckResult.Status.FAILING);
        assertThat(result.evidence()).contains("task queue video-processing@gpu: no pollers")
                .contains("task queue video-processing@cpu: 1 poller");
    }

    @Test
    void noQueuesPassesAndACliThatCannotTellIsUnknown() {
        assertThat(pollers(target(host.port(), List.of(), null, null)).getFirst().status())
                .isEqualTo(CheckResult.Status.OK);
        CheckDefinition tctl = new CheckDefinition("queue-pollers", "queue-pollers", null,
                Map.of("command", "tctl taskqueue describe --taskqueue {queue}", "queues", "[jobs@cpu]"));
        CheckResult result = new QueuePollersProbe(ssh, hosts, Duration.ofSeconds(10))
                .run(tctl, target(host.port(), QUEUES, null, null)).getFirst();
        assertThat(result.status()).isEqualTo(CheckResult.Status.UNKNOWN);
        assertThat(result.evidence()).startsWith("task queue jobs@cpu: cannot tell (exit 127")
                .contains("tctl: command not found");
    }

    @Test
    void anUnreachableHostIsUnknownNotFailing() throws Exception {
        int closed;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        CheckResult result = pollers(target(closed, QUEUES, null, null)).getFirst();
        assertThat(result.status()).isEqualTo(CheckResult.Status.UNKNOWN);
        assertThat(result.evidence()).startsWith("cannot reach the host");
    }

    @Test
    void httpProbesHealthPathOnTheHostAddressAndPort() {
        HttpProbe http = new HttpProbe(new HealthProbe(Sleeper.SYSTEM, Clock.systemUTC()), hosts,
                Duration.ofSeconds(5));
        Target.Health good = new Target.Health(null, "/health", null, null, null);
        CheckResult ok = http.run(HTTP, target(host.port(), List.of(), good, host.healthPort())).getFirst();
        assertThat(ok.status()).isEqualTo(CheckResult.Status.OK);
        assertThat(ok.evidence()).startsWith("http://127.0.0.1:" + host.healthPort() + "/health: ");

        Target.Health wrong = new Target.Health(null, "healthz", null, null, null);
        CheckResult notFound = http.run(HTTP, target(host.port(), List.of(), wrong, host.healthPort())).getFirst();
        assertThat(notFound.status()).isEqualTo(CheckResult.Status.FAILING);
        assertThat(notFound.evidence()).startsWith("http://127.0.0.1:" + host.healthPort() + "/healthz: ")
                .contains("404");

        host.fail("app-crash");
        assertThat(http.run(HTTP, target(host.port(), List.of(), good, host.healthPort())).getFirst().status())
                .isEqualTo(CheckResult.Status.FAILING);
    }

    @Test
    void aHealthPathWithoutAnAddressIsUnknownAndNoHealthAtAllPasses() {
        HttpProbe http = new HttpProbe(new HealthProbe(Sleeper.SYSTEM, Clock.systemUTC()), hosts,
                Duration.ofSeconds(5));
        Target cloud = new Target("vm", "vast", "C0OPS", null, null, null, null,
                new Target.Health(null, "/health", null, null, null), null, null, null, null, null, null, null, null);
        CheckResult unknown = http.run(HTTP, cloud).getFirst();
        assertThat(unknown.status()).isEqualTo(CheckResult.Status.UNKNOWN);
        assertThat(unknown.evidence()).contains("set ssh.host or a full health.url");
        assertThat(http.run(HTTP, target(host.port(), List.of(), null, null)).getFirst().status())
                .isEqualTo(CheckResult.Status.OK);
    }
}
