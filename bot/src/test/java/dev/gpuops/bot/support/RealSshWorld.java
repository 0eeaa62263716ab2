package dev.gpuops.bot.support;

import dev.gpuops.provider.ssh.SshConnector;
import dev.gpuops.provider.ssh.testing.RealSshHost;
import dev.gpuops.sandbox.slack.SandboxSlack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * What the ITs that run gpuops against a real sshd + supervisord share: the host, the sandbox Slack the bot talks to, the
 * targets file that points {@code box-1} at the host, the bot's Slack settings, commands over SSH, and a bounded
 * wait for what the sandbox Slack shows.
 */
public final class RealSshWorld implements AutoCloseable {

    public static final String CHANNEL = SandboxSlack.GPU_OPS;

    public final RealSshHost ssh;
    public final SandboxSlack slack;

    private RealSshWorld(RealSshHost ssh, SandboxSlack slack) {
        this.ssh = ssh;
        this.slack = slack;
    }

    /** Starts the host first (a failing start leaves no Slack behind), then the sandbox Slack {@code slack} makes. */
    public static RealSshWorld start(Supplier<SandboxSlack> slack) throws IOException, InterruptedException {
        RealSshHost ssh = RealSshHost.start();
        try {
            return new RealSshWorld(ssh, slack.get());
        } catch (RuntimeException e) {
            ssh.close();
            throw e;
        }
    }

    /** {@code box-1}'s SSH address as a targets file writes it. */
    public String sshAddress() {
        return "{ host: 127.0.0.1, port: %d, user: %s, privateKey: \"%s\", knownHosts: \"%s\" }".formatted(
                ssh.port(), ssh.user(), ssh.privateKey(), ssh.knownHosts());
    }

    /** {@code box-1}'s supervisord: its socket and the programs the host autostarts. */
    public String supervisor() {
        return "{ socket: \"%s\", programs: [%s] }".formatted(ssh.supervisorSocketUrl(),
                String.join(", ", RealSshHost.AUTOSTART_PROGRAMS));
    }

    /** Writes {@code targetsYaml} next to the host; returns the file. */
    public Path writeTargets(String targetsYaml) throws IOException {
        return Files.writeString(ssh.dir().resolve("targets.yaml"), targetsYaml);
    }

    /** Writes {@code targetsYaml} next to the host and points the bot at it and at the sandbox Slack. */
    public void register(DynamicPropertyRegistry registry, String targetsYaml) throws IOException {
        Path targets = writeTargets(targetsYaml);
        registry.add("gpuops.targets-file", targets::toString);
        registry.add("gpuops.slack.signing-secret", () -> SandboxSlack.DEFAULT_SIGNING_SECRET);
        registry.add("gpuops.slack.bot-token", () -> SandboxSlack.DEFAULT_BOT_TOKEN);
        registry.add("gpuops.slack.api-url", slack::apiUrl);
    }

    /**
     * {@code box-1} watched by the health monitor every second: failing after 2 probes, recovered after 1, a restart
     * as its one automatic remediation, U0ONCALL02 and the default on-call invited to its incidents.
     */
    public void registerMonitored(DynamicPropertyRegistry registry) throws IOException {
        register(registry, """
                targets:
                  box-1:
                    provider: ssh
                    channel: %s
                    environment: staging
                    ssh: %s
                    supervisor: %s
                    monitor: { failAfter: 2, recoverAfter: 1, probeTimeout: 10s }
                    oncall: [U0ONCALL02]
                    remediate: { restart: once }
                """.formatted(CHANNEL, sshAddress(), supervisor()));
        registry.add("gpuops.monitor-interval", () -> "1s");
        registry.add("gpuops.monitor-group-hold", () -> "0s");
        registry.add("gpuops.incident.oncall", () -> SandboxSlack.ONCALL_USER_ID);
    }

    /** Runs {@code command} on the host over SSH and returns its stdout. */
    public String exec(String command) throws Exception {
        try (SshConnector connector = new SshConnector(Duration.ofSeconds(10))) {
            return connector.session(ssh.endpoint()).exec(command).stdout();
        }
    }

    /** The pid supervisord reports for {@code program}, read over SSH. */
    public String pid(String program) throws Exception {
        return exec("supervisorctl -s " + ssh.supervisorSocketUrl() + " pid " + program).trim();
    }

    /**
     * Until the monitor has probed {@code box-1} healthy {@code count} times (the bot's own probe counter): the
     * condition "a few healthy probes passed", not a guess of how long they take.
     */
    public static void awaitHealthyProbes(MeterRegistry registry, int count) throws InterruptedException {
        await("" + count + " healthy probes", Duration.ofSeconds(60), () -> Optional.ofNullable(
                registry.find("gpuops.health.probes").tags("provider", "ssh", "result", "ok").counter())
                .map(Counter::count).filter(probes -> probes >= count), () -> "probes so far: "
                + registry.find("gpuops.health.probes").counters().stream()
                .map(c -> c.getId().getTags() + "=" + c.count()).toList());
    }

    /** Polls {@code probe} until it has a value; gives up after {@code within}, saying what was seen. */
    public static <T> T await(String what, Duration within, Supplier<Optional<T>> probe, Supplier<String> seen)
            throws InterruptedException {
        Instant deadline = Instant.now().plus(within);
        while (Instant.now().isBefore(deadline)) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            Thread.sleep(200);
        }
        throw new AssertionError("timed out waiting for " + what + "; " + seen.get());
    }

    @Override
    public void close() {
        try {
            slack.close();
        } finally {
            ssh.close();
        }
    }
}
